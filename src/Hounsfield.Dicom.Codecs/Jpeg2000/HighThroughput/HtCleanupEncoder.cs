using System.Numerics;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// Codes one HT cleanup pass (ITU-T T.814 clause 7) at bit-plane 0, the mirror of <see cref="HtCleanupDecoder"/>:
/// per quad pair the MEL events and CxtVLC codewords, then the U-VLC codes, then the MagSgn bits.
/// </summary>
internal ref struct HtCleanupEncoder
{
    private readonly int width;
    private readonly int height;
    private readonly ReadOnlySpan<uint> values;
    private readonly ReadOnlySpan<int> exponents;
    private Span<int> above;
    private Span<int> below;
    private MagSgnEncoder magSgn;
    private MelEncoder mel;
    private VlcEncoder vlc;
    private readonly Span<byte> magSgnBuffer;
    private readonly Span<byte> melBuffer;
    private readonly Span<byte> vlcBuffer;

    /// <summary>Prepares to code samples given as MagSgn values v and exponents E (0 = insignificant).</summary>
    public HtCleanupEncoder(int width, int height, ReadOnlySpan<uint> values, ReadOnlySpan<int> exponents, Span<int> lineState,
        Span<byte> magSgnBuffer, Span<byte> melBuffer, Span<byte> vlcBuffer)
    {
        this.width = width;
        this.height = height;
        this.values = values;
        this.exponents = exponents;
        above = lineState[..(width + 4)];
        below = lineState.Slice(width + 4, width + 4);
        above.Clear();
        this.magSgnBuffer = magSgnBuffer;
        this.melBuffer = melBuffer;
        this.vlcBuffer = vlcBuffer;
        magSgn = new MagSgnEncoder(magSgnBuffer);
        mel = new MelEncoder(melBuffer);
        vlc = new VlcEncoder(vlcBuffer);
    }

    /// <summary>Codes the quads of lines y and y+1.</summary>
    public void EncodeLinePair(int y)
    {
        var initial = y == 0;
        var table = initial ? CxtVlcTables.EncodeInitial : CxtVlcTables.EncodeNonInitial;
        below.Clear();
        var context = 0;
        Span<int> quadExponents = stackalloc int[8];
        for (var x = 0; x < width; x += 4)
        {
            var rho0 = Significance(x, y, quadExponents[..4], out var max0);
            if (!initial)
                context |= NorthContext(x);
            var bound0 = Math.Max(max0, Kappa(rho0, x, initial));
            var u0 = bound0 - Kappa(rho0, x, initial);
            var ek0 = EncodeQuad(table, context, rho0, u0, bound0, quadExponents[..4]);
            context = NextContext(rho0, initial);

            int rho1 = 0, u1 = 0, bound1 = 0, ek1 = 0;
            if (x + 2 < width)
            {
                rho1 = Significance(x + 2, y, quadExponents[4..], out var max1);
                if (!initial)
                    context |= NorthContext(x + 2);
                var kappa1 = Kappa(rho1, x + 2, initial);
                bound1 = Math.Max(max1, kappa1);
                u1 = bound1 - kappa1;
                ek1 = EncodeQuad(table, context, rho1, u1, bound1, quadExponents[4..]);
                context = NextContext(rho1, initial);
            }

            EncodeExponentBounds(u0, u1, initial);
            EncodeQuadSamples(rho0, ek0, bound0, x, y);
            EncodeQuadSamples(rho1, ek1, bound1, x + 2, y);
        }
        var swap = above;
        above = below;
        below = swap;
    }

    /// <summary>Terminates the three streams and lays them out: MagSgn, MEL, VLC (reversed), Scup in the last 12 bits.</summary>
    public byte[] Finish()
    {
        magSgn.Flush();
        mel.Flush();
        FuseMelAndVlc();
        var melLength = mel.Length;
        var vlcLength = vlc.Length;
        var scup = melLength + vlcLength;
        if (scup > 4079)
            throw new DicomCodecException("HT encoder: MEL and VLC streams exceed 4079 bytes");
        var result = new byte[magSgn.Length + scup];
        magSgnBuffer[..magSgn.Length].CopyTo(result);
        melBuffer[..melLength].CopyTo(result.AsSpan(magSgn.Length));
        for (var i = 0; i < vlcLength; i++)
            result[^(i + 1)] = vlcBuffer[i];
        result[^1] = (byte)(scup >> 4);
        result[^2] = (byte)((result[^2] & 0xF0) | (scup & 0xF));
        return result;
    }

    /// <summary>The last MEL byte and the last VLC byte share one byte when their used bits do not overlap.</summary>
    private void FuseMelAndVlc()
    {
        var melMask = (0xFF << mel.Remaining) & 0xFF;
        var vlcMask = 0xFF >> (8 - vlc.Used);
        if ((melMask | vlcMask) == 0)
            return;
        var fused = mel.Pending | vlc.Pending;
        if ((((fused ^ mel.Pending) & melMask) | ((fused ^ vlc.Pending) & vlcMask)) == 0 && fused != 0xFF && vlc.Length > 1)
        {
            mel.Append(fused);
            return;
        }
        mel.Append(mel.Pending);
        vlc.FlushPending();
    }

    private readonly int Significance(int x, int y, scoped Span<int> quadExponents, out int max)
    {
        var rho = 0;
        max = 0;
        for (var n = 0; n < 4; n++)
        {
            var sx = x + (n >> 1);
            var sy = y + (n & 1);
            var e = sx < width && sy < height ? exponents[sy * width + sx] : 0;
            quadExponents[n] = e;
            if (e == 0)
                continue;
            rho |= 1 << n;
            max = Math.Max(max, e);
        }
        return rho;
    }

    private readonly int NorthContext(int x) =>
        ((above[x] | above[x + 1]) != 0 ? 1 : 0) | ((above[x + 2] | above[x + 3]) != 0 ? 4 : 0);

    private static int NextContext(int rho, bool initial) => initial
        ? ((rho | (rho >> 1)) & 1) | ((rho >> 1) & 6)
        : (((rho >> 2) | (rho >> 3)) & 1) << 1;

    private readonly int Kappa(int rho, int x, bool initial)
    {
        if (initial || BitOperations.PopCount((uint)rho) < 2)
            return 1;
        var max = Math.Max(Math.Max(above[x], above[x + 1]), Math.Max(above[x + 2], above[x + 3]));
        return Math.Max(max - 1, 1);
    }

    /// <summary>Codes the quad's MEL event and codeword; returns e_k of the chosen codeword.</summary>
    private int EncodeQuad(int[] table, int context, int rho, int u, int bound, scoped ReadOnlySpan<int> quadExponents)
    {
        if (context == 0)
        {
            mel.Encode(rho != 0);
            if (rho == 0)
                return 0;
        }
        var uOff = u > 0 ? 1 : 0;
        var emb = 0;
        if (uOff == 1)
            for (var n = 0; n < 4; n++)
                if (quadExponents[n] == bound)
                    emb |= 1 << n;
        var entry = table[(context << 9) | (rho << 5) | (uOff << 4) | emb];
        if (entry == 0)
            throw new InvalidOperationException($"no CxtVLC codeword for context {context}, rho {rho}, u_off {uOff}, emb {emb}");
        vlc.Encode(entry & 0xFF, (entry >> 8) & 0xF);
        return entry >> 12;
    }

    private void EncodeExponentBounds(int u0, int u1, bool initial)
    {
        if (u0 > 0 && u1 > 0)
        {
            if (!initial)
            {
                EncodeUPair(u0, u1);
                return;
            }
            var bothLarge = u0 > 2 && u1 > 2;
            mel.Encode(bothLarge);
            if (bothLarge)
                EncodeUPair(u0 - 2, u1 - 2);
            else if (u0 > 2)
            {
                EncodePrefix(u0);
                vlc.Encode(u1 - 1, 1);
                EncodeSuffix(u0);
            }
            else
            {
                EncodePrefix(u0);
                EncodePrefix(u1);
                EncodeSuffix(u1);
            }
        }
        else if (u0 > 0)
        {
            EncodePrefix(u0);
            EncodeSuffix(u0);
        }
        else if (u1 > 0)
        {
            EncodePrefix(u1);
            EncodeSuffix(u1);
        }
    }

    private void EncodeUPair(int u0, int u1)
    {
        EncodePrefix(u0);
        EncodePrefix(u1);
        EncodeSuffix(u0);
        EncodeSuffix(u1);
    }

    /// <summary>U-VLC prefix: 1 → "1", 2 → "01", 3–4 → "001", 5 and more → "000" (u ≤ 32, so no extension is needed).</summary>
    private void EncodePrefix(int u)
    {
        if (u > 32)
            throw new InvalidOperationException($"u = {u} exceeds the range the encoder codes");
        if (u == 1)
            vlc.Encode(1, 1);
        else if (u == 2)
            vlc.Encode(2, 2);
        else if (u <= 4)
            vlc.Encode(4, 3);
        else
            vlc.Encode(0, 3);
    }

    private void EncodeSuffix(int u)
    {
        if (u is 3 or 4)
            vlc.Encode(u - 3, 1);
        else if (u >= 5)
            vlc.Encode(u - 5, 5);
    }

    private void EncodeQuadSamples(int rho, int ek, int bound, int x, int y)
    {
        for (var n = 0; n < 4; n++)
        {
            if (((rho >> n) & 1) == 0)
                continue;
            var sx = x + (n >> 1);
            var sy = y + (n & 1);
            var i = sy * width + sx;
            magSgn.Encode(values[i], bound - ((ek >> n) & 1));
            if ((n & 1) != 0)
                below[sx + 1] = exponents[i];
        }
    }
}
