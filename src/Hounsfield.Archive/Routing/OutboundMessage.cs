using Hounsfield.Dicom;

namespace Hounsfield.Archive.Routing;

/// <summary>A job to queue: what to send to whom.</summary>
/// <param name="Destination">AE title of the destination.</param>
/// <param name="Kind">What is sent.</param>
/// <param name="SopInstanceUid">See <see cref="OutboundJob.SopInstanceUid"/>.</param>
/// <param name="TransferSyntax">Transfer syntax UID for a stored instance, or null.</param>
/// <param name="Payload">Data set of a notification or MPPS message (Explicit VR Little Endian), or null.</param>
public sealed record OutboundMessage(string Destination, OutboundJobKind Kind, string SopInstanceUid, string? TransferSyntax = null, byte[]? Payload = null)
{
    /// <summary>A data set as the queue keeps it (Explicit VR Little Endian).</summary>
    public static byte[] Encode(DicomDataset dataset)
    {
        using var buffer = new MemoryStream();
        dataset.WriteTo(buffer, DicomTransferSyntax.ExplicitVRLittleEndian);
        return buffer.ToArray();
    }
}
