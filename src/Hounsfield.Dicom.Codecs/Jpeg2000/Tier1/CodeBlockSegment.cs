namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// One codeword segment of a code-block as tier-2 assembled it: <see cref="Length"/> bytes holding
/// <see cref="PassCount"/> consecutive coding passes. Segments are those of T.800 Annex D.4.1 / Table
/// D.8 (a new segment starts wherever the code-block style terminates the coder) or, for HT blocks, the
/// HT Cleanup segment and the SigProp+MagRef segment of T.814 (see <see cref="CodeBlockSegmentation"/>).
/// A segment may be incomplete (passes of it in later layers that were not received): its length is
/// what arrived, its pass count the passes that arrived.
/// </summary>
/// <param name="Length">Bytes of this segment in <see cref="CodeBlockInput.Data"/>, in order after the previous segment.</param>
/// <param name="PassCount">Coding passes in this segment (at least 1).</param>
internal readonly record struct CodeBlockSegment(int Length, int PassCount);
