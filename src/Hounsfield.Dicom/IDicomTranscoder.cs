namespace Hounsfield.Dicom;

/// <summary>
/// Rewrites an instance's pixel data in another transfer syntax, so that a C-STORE can travel on a
/// presentation context the peer accepted when it refused the file's own syntax (compressed to
/// uncompressed, or the reverse). The core and network libraries have no pixel codecs; Hounsfield.Dicom.Codecs
/// provides the implementation (<c>DicomTranscoder.Default</c>).
/// </summary>
public interface IDicomTranscoder
{
    /// <summary>True when an instance in <paramref name="source"/> may be rewritten in <paramref name="target"/> (a codec exists and the policy, e.g. on lossy compression, allows it).</summary>
    bool CanTranscode(DicomTransferSyntax source, DicomTransferSyntax target);

    /// <summary>The instance with its data set in <paramref name="target"/>; <paramref name="file"/> is not changed.</summary>
    DicomFile Transcode(DicomFile file, DicomTransferSyntax target);
}
