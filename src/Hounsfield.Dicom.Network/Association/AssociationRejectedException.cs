namespace Hounsfield.Dicom.Network;

/// <summary>The peer answered our A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ (PS3.8 §9.3.4).</summary>
public sealed class AssociationRejectedException : DicomNetworkException
{
    /// <summary>Creates the exception.</summary>
    public AssociationRejectedException(AssociationRejection rejection, string calledAETitle)
        : base($"association to {calledAETitle} rejected: {rejection.Description}")
    {
        Rejection = rejection;
    }

    /// <summary>Result, source and reason as received.</summary>
    public AssociationRejection Rejection { get; }
}
