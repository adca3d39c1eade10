namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// Code-block style flags: the SPcod/SPcoc code-block style byte of COD/COC (ITU-T T.800 Table A.19)
/// and, for bit 6, ITU-T T.814 (HTJ2K) Table A.4. The values are the bits of that byte.
/// </summary>
[Flags]
internal enum CodeBlockStyle : byte
{
    /// <summary>No option: every pass arithmetic coded, one codeword segment.</summary>
    None = 0,

    /// <summary>Selective arithmetic coding bypass ("lazy"): raw significance-propagation and refinement passes after the fourth bit-plane.</summary>
    SelectiveBypass = 0x01,

    /// <summary>Reset the MQ contexts at each coding pass boundary.</summary>
    ResetContexts = 0x02,

    /// <summary>Terminate the MQ coder at each coding pass: every pass is its own codeword segment.</summary>
    TerminateEachPass = 0x04,

    /// <summary>Vertically causal context formation: stripes do not look at the next stripe.</summary>
    VerticallyCausal = 0x08,

    /// <summary>Predictable termination (ERTERM).</summary>
    PredictableTermination = 0x10,

    /// <summary>Segmentation symbols (1010 in the UNIFORM context) at the end of each cleanup pass.</summary>
    SegmentationSymbols = 0x20,

    /// <summary>HT (ITU-T T.814) block coding: the code-block is coded with the high-throughput block coder.</summary>
    HighThroughput = 0x40,

    /// <summary>With <see cref="HighThroughput"/>: T.814 "mixed" mode (HT and Part 1 code-blocks may be mixed); ignored by tier-1.</summary>
    HighThroughputMixed = 0x80,
}
