using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// EBCOT's per-sample state bits and the context lookup tables built from them (T.800 D.3, Tables D.1–D.4).
/// Each sample keeps the significance of its 8 neighbours and the sign of its 4 direct neighbours, updated
/// when a neighbour becomes significant, so contexts are table look-ups.
/// </summary>
internal static class EbcotContexts
{
    public const int SigN = 1 << 0, SigS = 1 << 1, SigW = 1 << 2, SigE = 1 << 3;
    public const int SigNW = 1 << 4, SigNE = 1 << 5, SigSW = 1 << 6, SigSE = 1 << 7;
    public const int NegN = 1 << 8, NegS = 1 << 9, NegW = 1 << 10, NegE = 1 << 11;
    public const int Significant = 1 << 12, Visited = 1 << 13, Refined = 1 << 14, Negative = 1 << 15;
    public const int NeighbourMask = 0xFF;

    /// <summary>Zero-coding context by orientation·256 + neighbour significance byte (Table D.1).</summary>
    public static readonly byte[] ZeroCoding = BuildZeroCoding();

    /// <summary>Sign context (bits 0–4) and XOR bit (bit 7) by (N,S,W,E significance) | (N,S,W,E negative) &lt;&lt; 4 (Tables D.2, D.3).</summary>
    public static readonly byte[] SignCoding = BuildSignCoding();

    private static byte[] BuildZeroCoding()
    {
        var table = new byte[4 * 256];
        for (var o = 0; o < 4; o++)
            for (var f = 0; f < 256; f++)
            {
                int h = ((f & SigW) != 0 ? 1 : 0) + ((f & SigE) != 0 ? 1 : 0);
                int v = ((f & SigN) != 0 ? 1 : 0) + ((f & SigS) != 0 ? 1 : 0);
                int d = ((f & SigNW) != 0 ? 1 : 0) + ((f & SigNE) != 0 ? 1 : 0) + ((f & SigSW) != 0 ? 1 : 0) + ((f & SigSE) != 0 ? 1 : 0);
                table[o * 256 + f] = (SubbandOrientation)o switch
                {
                    SubbandOrientation.HL => Primary(v, h, d),
                    SubbandOrientation.HH => Diagonal(h + v, d),
                    _ => Primary(h, v, d),
                };
            }
        return table;
    }

    private static byte Primary(int h, int v, int d) => h switch
    {
        2 => 8,
        1 => v >= 1 ? (byte)7 : d >= 1 ? (byte)6 : (byte)5,
        _ => v == 2 ? (byte)4 : v == 1 ? (byte)3 : d >= 2 ? (byte)2 : d == 1 ? (byte)1 : (byte)0,
    };

    private static byte Diagonal(int hv, int d) => d switch
    {
        >= 3 => 8,
        2 => hv >= 1 ? (byte)7 : (byte)6,
        1 => hv >= 2 ? (byte)5 : hv == 1 ? (byte)4 : (byte)3,
        _ => hv >= 2 ? (byte)2 : hv == 1 ? (byte)1 : (byte)0,
    };

    private static byte[] BuildSignCoding()
    {
        var table = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            int Contribution(int sigBit, int negBit) => (i & sigBit) == 0 ? 0 : (i & (negBit << 4)) != 0 ? -1 : 1;
            var h = Math.Clamp(Contribution(SigW, SigW) + Contribution(SigE, SigE), -1, 1);
            var v = Math.Clamp(Contribution(SigN, SigN) + Contribution(SigS, SigS), -1, 1);
            // Table D.3: (H, V) -> context, XOR bit; the table is antisymmetric.
            var (context, xor) = (h, v) switch
            {
                (1, 1) => (13, 0), (1, 0) => (12, 0), (1, -1) => (11, 0),
                (0, 1) => (10, 0), (0, 0) => (9, 0), (0, -1) => (10, 1),
                (-1, 1) => (11, 1), (-1, 0) => (12, 1), _ => (13, 1),
            };
            table[i] = (byte)(context | (xor << 7));
        }
        return table;
    }

    /// <summary>The sign-coding table index of a sample's state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SignIndex(int flags) => (flags & 0xF) | ((flags >> 4) & 0xF0);

    /// <summary>Magnitude refinement context (Table D.4): 16 once refined, else 15 with a significant neighbour, 14 without.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RefinementContext(int flags)
    {
        var refined = (flags >> 14) & 1;
        var neighbours = ((flags & NeighbourMask) + NeighbourMask) >> 8;
        return 14 + (neighbours | refined) + refined;
    }

    /// <summary>
    /// Tells the 8 neighbours of the state word at <paramref name="at"/> (row stride <paramref name="s"/>) that
    /// it became significant, and its sign; not the row above when <paramref name="hideFromAbove"/> (vertically
    /// causal context formation keeps the stripe above from seeing this one). The sample's own bits are the caller's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void MakeSignificant(int* at, int s, bool negative, bool hideFromAbove)
    {
        var n = negative ? 1 : 0;
        if (!hideFromAbove)
        {
            at[-s] |= SigS | n * NegS;
            at[-s - 1] |= SigSE;
            at[-s + 1] |= SigSW;
        }
        at[s] |= SigN | n * NegN;
        at[s - 1] |= SigNE;
        at[s + 1] |= SigNW;
        at[-1] |= SigE | n * NegE;
        at[1] |= SigW | n * NegW;
    }

    /// <summary>The OR of the state of the 4 rows of a stripe column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe int ColumnState(int* column, int s) => column[0] | column[s] | column[2 * s] | column[3 * s];

    /// <summary>
    /// Clears the visited marks, which only live for one bit-plane, in the <paramref name="rows"/> real rows of
    /// the stripe starting at row <paramref name="y0"/> of the state words at <paramref name="flags"/> (border included).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void ClearVisited(int* flags, int s, int width, int y0, int rows)
    {
        for (var k = 0; k < rows; k++)
        {
            var row = flags + (y0 + k + 1) * s + 1;
            for (var x = 0; x < width; x++) row[x] &= ~Visited;
        }
    }

    /// <summary>
    /// Sizes and clears the state layout of a <paramref name="width"/>×<paramref name="height"/> code-block that
    /// state words and magnitudes share: a border all round, and the last stripe padded to 4 rows whose
    /// extra rows look significant and visited so no pass codes them (stripes need no row checks).
    /// Returns the stride; magnitudes are left as they were.
    /// </summary>
    public static int PrepareLayout(ref int[] flags, ref int[] magnitudes, int width, int height)
    {
        var stride = width + 2;
        var padded = (height + 3) & ~3;
        var size = stride * (padded + 2);
        if (flags.Length < size)
        {
            flags = new int[size];
            magnitudes = new int[size];
        }
        flags.AsSpan(0, size).Clear();
        flags.AsSpan((height + 1) * stride, (padded - height) * stride).Fill(Significant | Visited);
        return stride;
    }
}
