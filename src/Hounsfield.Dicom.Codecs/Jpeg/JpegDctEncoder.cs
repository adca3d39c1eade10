namespace Hounsfield.Dicom.Codecs.Jpeg;

internal static class JpegDctEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> native, FrameInfo info, int precision, int quality, JpegCodecOptions options) =>
        throw new DicomCodecException("JPEG: DCT encoding is not implemented yet");
}
