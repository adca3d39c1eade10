using System.Net;
using System.Runtime.CompilerServices;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Archive.Access;

/// <summary>
/// Applies <see cref="AccessOptions"/> at association negotiation: a caller allowed nothing is
/// rejected, and each presentation context whose SOP class belongs to a service the caller may not
/// use is answered user-rejection. SOP classes outside every <see cref="ArchiveService"/> are not governed.
/// </summary>
public sealed class ServiceAccess
{
    private readonly AccessOptions _access;
    private readonly ArchiveOptions _options;
    private readonly List<(AccessRule Rule, IPNetwork? Network)> _rules;
    private readonly ConditionalWeakTable<AssociationRequest, Grant> _grants = [];

    /// <summary>Checks the rules (addresses, CIDR blocks) and prepares them.</summary>
    /// <exception cref="FormatException">A rule's network is not an address or CIDR block.</exception>
    public ServiceAccess(ArchiveOptions options)
    {
        _options = options;
        _access = options.Access;
        _rules = [.. _access.Rules.Select(r => (r, r.Network is null ? (IPNetwork?)null : ParseNetwork(r.Network)))];
    }

    /// <summary>What one caller may use, and whether an AE-specific entry decided it.</summary>
    private sealed record Grant(IReadOnlySet<ArchiveService> Services, bool ByAETitle);

    /// <summary>Rejects a caller allowed no service: reason 3 (calling AE title not recognized) when its title decided, else reason 1.</summary>
    public AssociationRejection? Screen(AssociationRequest request)
    {
        var grant = GrantFor(request);
        if (grant.Services.Count > 0) return null;
        return grant.ByAETitle ? AssociationRejection.CallingAETitleNotRecognized : AssociationRejection.NoReasonGiven;
    }

    /// <summary>True when the caller may use <paramref name="abstractSyntax"/> with us in <paramref name="ourRole"/>.</summary>
    public bool Allows(AssociationRequest request, string abstractSyntax, DicomRole ourRole) =>
        Classify(abstractSyntax, ourRole) is not { } service || GrantFor(request).Services.Contains(service);

    /// <summary>The services <paramref name="callingAETitle"/> calling from <paramref name="address"/> may use.</summary>
    public IReadOnlySet<ArchiveService> ServicesFor(string callingAETitle, IPAddress? address) => Decide(callingAETitle, address).Services;

    /// <summary>The service a SOP class belongs to in a role we play; null when no service governs it.</summary>
    public ArchiveService? Classify(string abstractSyntax, DicomRole ourRole)
    {
        if (abstractSyntax == DicomUid.Verification.Value) return ArchiveService.Verification;
        if (DicomQuery.FindSopClasses.ContainsKey(abstractSyntax)) return ArchiveService.Query;
        if (DicomQuery.MoveSopClasses.ContainsKey(abstractSyntax) || DicomQuery.GetSopClasses.ContainsKey(abstractSyntax)) return ArchiveService.Retrieve;
        if (abstractSyntax == ModalityWorklistFind) return ArchiveService.Worklist;
        if (abstractSyntax == ModalityPerformedProcedureStep) return ArchiveService.Mpps;
        if (abstractSyntax == StorageCommitmentPushModel) return ArchiveService.Commitment;
        if (IsStorage(abstractSyntax)) return ourRole == DicomRole.Scu ? ArchiveService.Retrieve : ArchiveService.Storage;
        return null;
    }

    private const string ModalityWorklistFind = "1.2.840.10008.5.1.4.31";
    private const string ModalityPerformedProcedureStep = "1.2.840.10008.3.1.2.3.3";
    private const string StorageCommitmentPushModel = "1.2.840.10008.1.20.1";

    private bool IsStorage(string uid) =>
        DicomUid.Lookup(uid) is { Type: DicomUidType.SopClass } known && known.Keyword.EndsWith("Storage", StringComparison.Ordinal)
        || _options.AdditionalStorageSopClasses.Contains(uid);

    private Grant GrantFor(AssociationRequest request) =>
        _grants.GetValue(request, r => Decide(r.CallingAETitle.Trim(), AddressOf(r.RemoteEndPoint)));

    private Grant Decide(string callingAETitle, IPAddress? address)
    {
        foreach (var (rule, network) in _rules)
        {
            if (rule.CallingAETitle is { } title && title.Trim() != callingAETitle) continue;
            if (network is { } n && (address is null || !n.Contains(address))) continue;
            return new(rule.Services.ToHashSet(), rule.CallingAETitle is not null);
        }
        var known = _options.RemoteAEs.FirstOrDefault(e => (e.Value.AETitle ?? e.Key).Trim() == callingAETitle).Value;
        if (known?.Services is { } services) return new(services.ToHashSet(), true);
        if (known is null && _access.KnownAEsOnly) return new(new HashSet<ArchiveService>(), true);
        return new(_access.DefaultServices.ToHashSet(), false);
    }

    private static IPAddress? AddressOf(EndPoint? endpoint) =>
        endpoint is IPEndPoint { Address: var a } ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a) : null;

    /// <summary>An address (a block of one) or a CIDR block.</summary>
    /// <exception cref="FormatException">Neither.</exception>
    public static IPNetwork ParseNetwork(string text)
    {
        if (IPAddress.TryParse(text, out var single)) return new IPNetwork(single, single.GetAddressBytes().Length * 8);
        if (IPNetwork.TryParse(text, out var block)) return block;
        throw new FormatException($"'{text}' is not an IP address or CIDR block (e.g. 192.168.0.0/16)");
    }
}
