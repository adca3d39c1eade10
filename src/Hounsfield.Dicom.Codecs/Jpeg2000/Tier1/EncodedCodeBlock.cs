namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// A code-block as a block encoder produced it: the codeword bytes for all its passes and, per pass,
/// where the code stream may be truncated and how much that pass lowers the distortion (for rate
/// control across quality layers). Tier-2 decides how many passes go in each layer and splits
/// <see cref="Data"/> into codeword segments with <see cref="CodeBlockSegmentation"/>.
/// </summary>
/// <param name="Data">All coded bytes, segments back to back (each terminated segment complete).</param>
/// <param name="ZeroBitPlanes">Missing most significant bit-planes (signalled through the tag tree).</param>
/// <param name="PassLengths">
/// For pass i (0-based), the number of bytes of <see cref="Data"/> a decoder needs to decode passes 0..i
/// (a valid truncation point); non-decreasing, the last equals Data.Length. Empty when the block is all zero.
/// </param>
/// <param name="DistortionDecrease">
/// For pass i, the decrease of the block's squared error caused by that pass, in squared
/// quantization-index units (sum over samples of Δ(error²) where error is measured in quantization steps);
/// the rate controller multiplies by step² and the subband's synthesis energy weight.
/// </param>
internal sealed record EncodedCodeBlock(byte[] Data, int ZeroBitPlanes, int[] PassLengths, double[] DistortionDecrease)
{
    /// <summary>Coding passes in <see cref="Data"/>.</summary>
    public int PassCount => PassLengths.Length;
}
