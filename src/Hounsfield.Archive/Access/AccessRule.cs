namespace Hounsfield.Archive.Access;

/// <summary>
/// One line of the access table: callers matching <see cref="CallingAETitle"/> and
/// <see cref="Network"/> (either may be left out) get exactly <see cref="Services"/>.
/// </summary>
public sealed class AccessRule
{
    /// <summary>The calling AE title this rule is for; null for any.</summary>
    public string? CallingAETitle { get; set; }

    /// <summary>An address or CIDR block (<c>10.1.2.3</c>, <c>192.168.0.0/16</c>, <c>::1/128</c>) the caller must come from; null for any.</summary>
    public string? Network { get; set; }

    /// <summary>What matching callers may use; empty refuses them the association.</summary>
    public List<ArchiveService> Services { get; set; } = [];
}
