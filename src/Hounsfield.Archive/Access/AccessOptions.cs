namespace Hounsfield.Archive.Access;

/// <summary>
/// Who may use which services: the first <see cref="Rules"/> entry that matches a caller decides;
/// then the caller's entry in <see cref="ArchiveOptions.RemoteAEs"/> when it lists services; then
/// <see cref="DefaultServices"/>. Out of the box any calling AE may use every service.
/// </summary>
public sealed class AccessOptions
{
    /// <summary>Services for callers no rule or known AE entry decides (default: all).</summary>
    public List<ArchiveService> DefaultServices { get; set; } = [.. Enum.GetValues<ArchiveService>()];

    /// <summary>Refuse calling AE titles that are not in <see cref="ArchiveOptions.RemoteAEs"/> and no rule names (A-ASSOCIATE-RJ reason 3).</summary>
    public bool KnownAEsOnly { get; set; }

    /// <summary>Rules by calling AE title and network, first match wins.</summary>
    public List<AccessRule> Rules { get; set; } = [];
}
