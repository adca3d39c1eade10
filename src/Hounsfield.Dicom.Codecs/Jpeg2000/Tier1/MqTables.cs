namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>The MQ coder's probability estimation table (T.800 Table C.2) and EBCOT's initial context states.</summary>
internal static class MqTables
{
    /// <summary>Qe of each of the 47 states.</summary>
    public static readonly ushort[] Qe =
    [
        0x5601, 0x3401, 0x1801, 0x0AC1, 0x0521, 0x0221, 0x5601, 0x5401, 0x4801, 0x3801, 0x3001, 0x2401, 0x1C01, 0x1601,
        0x5601, 0x5401, 0x5101, 0x4801, 0x3801, 0x3401, 0x3001, 0x2801, 0x2401, 0x2201, 0x1C01, 0x1801, 0x1601, 0x1401,
        0x1201, 0x1101, 0x0AC1, 0x09C1, 0x08A1, 0x0521, 0x0441, 0x02A1, 0x0221, 0x0141, 0x0111, 0x0085, 0x0049, 0x0025,
        0x0015, 0x0009, 0x0005, 0x0001, 0x5601,
    ];

    /// <summary>Next state after an MPS.</summary>
    public static readonly byte[] NextMps =
    [
        1, 2, 3, 4, 5, 38, 7, 8, 9, 10, 11, 12, 13, 29, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 45, 46,
    ];

    /// <summary>Next state after an LPS.</summary>
    public static readonly byte[] NextLps =
    [
        1, 6, 9, 12, 29, 33, 6, 14, 14, 14, 17, 18, 20, 21, 14, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 23, 24, 25, 26, 27,
        28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46,
    ];

    /// <summary>Whether an LPS in the state swaps the MPS sense.</summary>
    public static readonly bool[] Switch =
    [
        true, false, false, false, false, false, true, false, false, false, false, false, false, false, true, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
    ];

    /// <summary>
    /// The 94 combined states (index state·2 + MPS) packed for the decoder: MPS in bit 0, the index of the next
    /// state after an MPS in bits 1–7 and after an LPS in bits 8–14, Qe in bits 16–31 (aligned with the
    /// decoder's A and C registers, which keep their 16 significant bits at the top).
    /// </summary>
    public static readonly uint[] Packed = BuildPacked();

    private static uint[] BuildPacked()
    {
        var table = new uint[94];
        for (var i = 0; i < 47; i++)
            for (var mps = 0; mps < 2; mps++)
            {
                var lpsMps = Switch[i] ? 1 - mps : mps;
                table[2 * i + mps] = (uint)Qe[i] << 16 | (uint)mps | (uint)(2 * NextMps[i] + mps) << 1 | (uint)(2 * NextLps[i] + lpsMps) << 8;
            }
        return table;
    }

    /// <summary>Sets packed decoder contexts to their initial states (Table D.7).</summary>
    public static unsafe void Reset(uint* contexts)
    {
        for (var i = 0; i < ContextCount; i++) contexts[i] = Packed[0];
        contexts[Uniform] = Packed[2 * 46];
        contexts[RunLength] = Packed[2 * 3];
        contexts[0] = Packed[2 * 4];
    }

    /// <summary>EBCOT contexts: 0–8 zero coding, 9–13 sign, 14–16 refinement, 17 run length, 18 uniform.</summary>
    public const int ContextCount = 19;

    /// <summary>The run-length context.</summary>
    public const int RunLength = 17;

    /// <summary>The uniform context.</summary>
    public const int Uniform = 18;
}
