namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// Everything a block decoder (EBCOT, T.800 Annex D, or HT, T.814 clause 7) needs for one code-block,
/// gathered by tier-2 from all packets (all quality layers) that carry it.
/// </summary>
/// <remarks>
/// <para><b>Bit-plane numbering.</b> The subband's quantization indices have
/// <see cref="MagnitudeBitPlanes"/> magnitude bit-planes (Mb = G + ε_b − 1, T.800 E.1.1 eq. E-2, plus the
/// ROI shift when RGN is present), numbered Mb−1 (most significant) down to 0 (least significant). The
/// first <see cref="ZeroBitPlanes"/> of them (tag-tree value, T.800 B.10.5; "missing MSBs" in T.814) are
/// all zero in this code-block and not coded, so the first coded pass codes bit-plane
/// Mb − 1 − ZeroBitPlanes.</para>
/// <para><b>Passes.</b> For EBCOT the first pass is a cleanup pass of that bit-plane, then significance
/// propagation, magnitude refinement, cleanup for each lower bit-plane (3·k − 2 passes for k planes).
/// For HT, passes come in HT sets (Cleanup, SigProp, MagRef) as T.814 counts them, including any
/// placeholder passes signalled in the packet headers.</para>
/// </remarks>
/// <param name="Data">The codeword segments back to back, exactly as they appear in the packets (no padding, no added terminators).</param>
/// <param name="Segments">The segments of <paramref name="Data"/> in order; their lengths sum to Data.Length and their pass counts to PassCount.</param>
/// <param name="PassCount">Coding passes included (0 = nothing received: all samples are 0).</param>
/// <param name="ZeroBitPlanes">Missing most significant bit-planes (tag tree / Zblk).</param>
/// <param name="MagnitudeBitPlanes">Mb of the subband, 1–30 (larger values are rejected by tier-2 as unsupported).</param>
/// <param name="Width">Code-block width in samples (1–1024, width·height ≤ 4096).</param>
/// <param name="Height">Code-block height in samples.</param>
/// <param name="Orientation">The subband's orientation (EBCOT context selection).</param>
/// <param name="Style">COD/COC code-block style, including <see cref="CodeBlockStyle.HighThroughput"/>.</param>
internal readonly ref struct CodeBlockInput(
    ReadOnlySpan<byte> Data,
    ReadOnlySpan<CodeBlockSegment> Segments,
    int PassCount,
    int ZeroBitPlanes,
    int MagnitudeBitPlanes,
    int Width,
    int Height,
    SubbandOrientation Orientation,
    CodeBlockStyle Style)
{
    /// <summary>The codeword segments back to back.</summary>
    public ReadOnlySpan<byte> Data { get; } = Data;

    /// <summary>The segments of <see cref="Data"/> in order.</summary>
    public ReadOnlySpan<CodeBlockSegment> Segments { get; } = Segments;

    /// <summary>Coding passes included.</summary>
    public int PassCount { get; } = PassCount;

    /// <summary>Missing most significant bit-planes.</summary>
    public int ZeroBitPlanes { get; } = ZeroBitPlanes;

    /// <summary>Mb: magnitude bit-planes of the subband.</summary>
    public int MagnitudeBitPlanes { get; } = MagnitudeBitPlanes;

    /// <summary>Code-block width in samples.</summary>
    public int Width { get; } = Width;

    /// <summary>Code-block height in samples.</summary>
    public int Height { get; } = Height;

    /// <summary>The subband's orientation.</summary>
    public SubbandOrientation Orientation { get; } = Orientation;

    /// <summary>Code-block style flags.</summary>
    public CodeBlockStyle Style { get; } = Style;
}
