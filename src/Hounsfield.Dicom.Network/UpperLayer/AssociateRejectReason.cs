namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// The Reason/Diagnostic values of an A-ASSOCIATE-RJ PDU (PS3.8 Table 9-21). The same byte means
/// different things for each source, so the constants are grouped by source.
/// </summary>
public static class AssociateRejectReason
{
    /// <summary>Source 1 (service-user), reason 1: no reason given.</summary>
    public const byte NoReasonGiven = 1;

    /// <summary>Source 1 (service-user), reason 2: application context name not supported.</summary>
    public const byte ApplicationContextNameNotSupported = 2;

    /// <summary>Source 1 (service-user), reason 3: calling AE title not recognized.</summary>
    public const byte CallingAETitleNotRecognized = 3;

    /// <summary>Source 1 (service-user), reason 7: called AE title not recognized.</summary>
    public const byte CalledAETitleNotRecognized = 7;

    /// <summary>Source 2 (service-provider, ACSE), reason 1: no reason given.</summary>
    public const byte AcseNoReasonGiven = 1;

    /// <summary>Source 2 (service-provider, ACSE), reason 2: protocol version not supported.</summary>
    public const byte ProtocolVersionNotSupported = 2;

    /// <summary>Source 3 (service-provider, presentation), reason 1: temporary congestion.</summary>
    public const byte TemporaryCongestion = 1;

    /// <summary>Source 3 (service-provider, presentation), reason 2: local limit exceeded.</summary>
    public const byte LocalLimitExceeded = 2;

    /// <summary>The standard's wording for a reason under a source, for messages and logs.</summary>
    public static string Describe(AssociateRejectSource source, byte reason) => (source, reason) switch
    {
        (AssociateRejectSource.ServiceUser, NoReasonGiven) => "no reason given",
        (AssociateRejectSource.ServiceUser, ApplicationContextNameNotSupported) => "application context name not supported",
        (AssociateRejectSource.ServiceUser, CallingAETitleNotRecognized) => "calling AE title not recognized",
        (AssociateRejectSource.ServiceUser, CalledAETitleNotRecognized) => "called AE title not recognized",
        (AssociateRejectSource.ServiceProviderAcse, AcseNoReasonGiven) => "no reason given (ACSE)",
        (AssociateRejectSource.ServiceProviderAcse, ProtocolVersionNotSupported) => "protocol version not supported",
        (AssociateRejectSource.ServiceProviderPresentation, TemporaryCongestion) => "temporary congestion",
        (AssociateRejectSource.ServiceProviderPresentation, LocalLimitExceeded) => "local limit exceeded",
        _ => $"reserved reason {reason}",
    };
}
