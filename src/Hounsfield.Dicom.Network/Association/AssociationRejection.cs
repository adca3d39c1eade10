using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// Why an association is refused: the Result, Source and Reason of an A-ASSOCIATE-RJ
/// (PS3.8 Table 9-21), with factories for the refusals this implementation makes.
/// </summary>
/// <param name="Result">Permanent or transient.</param>
/// <param name="Source">Service-user, or service-provider (ACSE or presentation).</param>
/// <param name="Reason">Reason/Diagnostic, interpreted per <paramref name="Source"/>.</param>
public sealed record AssociationRejection(AssociateRejectResult Result, AssociateRejectSource Source, byte Reason)
{
    /// <summary>Called AE title not recognized: rejected-permanent, source 1, reason 7.</summary>
    public static AssociationRejection CalledAETitleNotRecognized { get; } =
        new(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.CalledAETitleNotRecognized);

    /// <summary>Calling AE title not recognized: rejected-permanent, source 1, reason 3.</summary>
    public static AssociationRejection CallingAETitleNotRecognized { get; } =
        new(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.CallingAETitleNotRecognized);

    /// <summary>Application context name not supported: rejected-permanent, source 1, reason 2.</summary>
    public static AssociationRejection ApplicationContextNameNotSupported { get; } =
        new(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.ApplicationContextNameNotSupported);

    /// <summary>No reason given by the service-user: rejected-permanent, source 1, reason 1.</summary>
    public static AssociationRejection NoReasonGiven { get; } =
        new(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.NoReasonGiven);

    /// <summary>Protocol version not supported: rejected-permanent, source 2, reason 2.</summary>
    public static AssociationRejection ProtocolVersionNotSupported { get; } =
        new(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceProviderAcse, AssociateRejectReason.ProtocolVersionNotSupported);

    /// <summary>Too many associations (local limit exceeded): rejected-transient, source 3, reason 2.</summary>
    public static AssociationRejection LocalLimitExceeded { get; } =
        new(AssociateRejectResult.RejectedTransient, AssociateRejectSource.ServiceProviderPresentation, AssociateRejectReason.LocalLimitExceeded);

    /// <summary>Temporary congestion: rejected-transient, source 3, reason 1.</summary>
    public static AssociationRejection TemporaryCongestion { get; } =
        new(AssociateRejectResult.RejectedTransient, AssociateRejectSource.ServiceProviderPresentation, AssociateRejectReason.TemporaryCongestion);

    /// <summary>The rejection in the standard's words.</summary>
    public string Description => ToPdu().Description;

    internal AAssociateRj ToPdu() => new(Result, Source, Reason);

    /// <inheritdoc/>
    public override string ToString() => Description;
}
