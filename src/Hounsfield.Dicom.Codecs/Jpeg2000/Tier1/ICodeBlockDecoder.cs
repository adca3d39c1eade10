namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// A tier-1 block decoder: EBCOT (T.800 Annex D) or the HT block decoder (T.814). An instance
/// holds scratch buffers and is used by one thread at a time; tier-2 creates one per worker thread.
/// </summary>
internal interface ICodeBlockDecoder
{
    /// <summary>
    /// Decodes <paramref name="block"/> into <paramref name="samples"/>.
    /// </summary>
    /// <param name="block">The compressed code-block.</param>
    /// <param name="samples">
    /// Width·Height values, row-major (sample (x, y) at y·Width + x). Each value is the signed
    /// quantization index q_b (T.800 E.1.1) in two's complement: sign · |q|, where bit k of |q| is
    /// magnitude bit-plane k (bit 0 = the least significant of the Mb bit-planes). Bit-planes that were
    /// not decoded are 0 in |q|; no reconstruction offset (half step) is added. Samples that never
    /// became significant are 0. EBCOT and HT produce identical values for the same bits.
    /// </param>
    /// <returns>
    /// P: the lowest bit-plane the last decoded pass coded, i.e. how many least significant bit-planes
    /// remain undecoded (0 when the block was decoded down to bit-plane 0; Mb − ZeroBitPlanes when no pass
    /// was included). Dequantization reconstructs a non-zero sample at the midpoint of its interval
    /// (T.800 E.1.1.2, r = ½): sign · (|q| + 2^P / 2) · Δb for the 9/7 path (also when P = 0), and
    /// sign · (|q| + 2^(P−1)) for the 5/3 path when P &gt; 0 (q itself when P = 0). (In EBCOT a sample the last
    /// significance-propagation pass did not visit is one plane coarser; see <see cref="EbcotDecoder.IsCoarser"/>.)
    /// </returns>
    /// <exception cref="DicomCodecException">The code-block data is inconsistent (e.g. pass count beyond the available bit-planes).</exception>
    int Decode(in CodeBlockInput block, Span<int> samples);
}
