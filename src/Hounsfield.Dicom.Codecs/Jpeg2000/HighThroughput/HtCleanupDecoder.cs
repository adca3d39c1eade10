using System.Numerics;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The HT cleanup pass decoder (ITU-T T.814 clause 7): quads of 2×2 samples in pairs, significance from the
/// MEL events and CxtVLC codewords, exponent bounds from the U-VLC codes and the line above, and magnitude
/// and sign bits from the MagSgn stream.
/// </summary>
internal static class HtCleanupDecoder
{
    /// <summary>
    /// Decodes the cleanup segment <paramref name="segment"/> (Lcup bytes) into <paramref name="samples"/>
    /// (row-major, cleared by the caller): each significant sample becomes sign·(μ·2^p).
    /// </summary>
    /// <param name="segment">The cleanup codeword segment.</param>
    /// <param name="width">Code-block width.</param>
    /// <param name="height">Code-block height.</param>
    /// <param name="p">The bit-plane of the magnitudes' least significant decoded bit.</param>
    /// <param name="maxExponent">The largest exponent bound U_q the bit-planes allow.</param>
    /// <param name="samples">The output samples.</param>
    /// <param name="lineState">Scratch of at least 2·(width + 4) ints.</param>
    public static void Decode(ReadOnlySpan<byte> segment, int width, int height, int p, int maxExponent, Span<int> samples, Span<int> lineState)
    {
        var lcup = segment.Length;
        if (lcup < 2)
            throw new DicomCodecException("HT cleanup segment shorter than 2 bytes");
        var scup = (segment[lcup - 1] << 4) | (segment[lcup - 2] & 0xF);
        if (scup < 2 || scup > lcup || scup > 4079)
            throw new DicomCodecException($"HT cleanup segment: invalid Scup {scup} for Lcup {lcup}");

        var state = new CleanupState(segment, lcup, scup, width, height, p, maxExponent, samples, lineState);
        for (var y = 0; y < height; y += 2)
            state.DecodeLinePair(y);
    }

    private ref struct CleanupState
    {
        private readonly int width;
        private readonly int height;
        private readonly int p;
        private readonly int maxExponent;
        private readonly Span<int> samples;
        private Span<int> above;
        private Span<int> below;
        private MelDecoder mel;
        private ReverseBitReader vlc;
        private ForwardBitReader magSgn;

        public CleanupState(ReadOnlySpan<byte> segment, int lcup, int scup, int width, int height, int p, int maxExponent, Span<int> samples, Span<int> lineState)
        {
            this.width = width;
            this.height = height;
            this.p = p;
            this.maxExponent = maxExponent;
            this.samples = samples;
            above = lineState[..(width + 4)];
            below = lineState.Slice(width + 4, width + 4);
            above.Clear();
            mel = new MelDecoder(segment, lcup - scup, lcup - 1);
            vlc = ReverseBitReader.ForVlc(segment, lcup, scup);
            magSgn = new ForwardBitReader(segment[..(lcup - scup)], 0xFF);
        }

        /// <summary>Decodes the quad row at lines y, y+1. Line state index c+1 holds E of column c in the line above.</summary>
        public void DecodeLinePair(int y)
        {
            var initial = y == 0;
            var table = initial ? CxtVlcTables.DecodeInitial : CxtVlcTables.DecodeNonInitial;
            below.Clear();
            var context = 0;
            for (var x = 0; x < width; x += 4)
            {
                if (!initial)
                    context |= NorthContext(x);
                var first = DecodeQuad(table, context);
                context = NextContext(first, initial);
                var second = 0;
                if (x + 2 < width)
                {
                    if (!initial)
                        context |= NorthContext(x + 2);
                    second = DecodeQuad(table, context);
                    context = NextContext(second, initial);
                }

                DecodeExponentBounds(first, second, initial, out var u0, out var u1);
                var bound0 = u0 + Kappa(first, x, initial);
                var bound1 = u1 + Kappa(second, x + 2, initial);
                if (bound0 > maxExponent || bound1 > maxExponent)
                    throw new DicomCodecException("HT cleanup: exponent bound exceeds the code-block's bit-planes");
                DecodeQuadSamples(first, bound0, x, y);
                DecodeQuadSamples(second, bound1, x + 2, y);
            }
            var swap = above;
            above = below;
            below = swap;
        }

        private readonly int NorthContext(int x) =>
            ((above[x] | above[x + 1]) != 0 ? 1 : 0) | ((above[x + 2] | above[x + 3]) != 0 ? 4 : 0);

        private static int NextContext(int info, bool initial)
        {
            var rho = (info >> 4) & 0xF;
            return initial
                ? ((rho | (rho >> 1)) & 1) | ((rho >> 1) & 6)
                : (((rho >> 2) | (rho >> 3)) & 1) << 1;
        }

        private int DecodeQuad(ushort[] table, int context)
        {
            if (context == 0 && mel.NextEvent() == 0)
                return 0;
            var entry = table[(context << 7) | (int)vlc.Peek(7)];
            var length = entry & 7;
            if (length == 0)
                throw new DicomCodecException("HT cleanup: invalid CxtVLC codeword");
            vlc.Advance(length);
            return entry;
        }

        private readonly int Kappa(int info, int x, bool initial)
        {
            if (initial)
                return 1;
            var rho = (info >> 4) & 0xF;
            if (BitOperations.PopCount((uint)rho) < 2)
                return 1;
            var max = Math.Max(Math.Max(above[x], above[x + 1]), Math.Max(above[x + 2], above[x + 3]));
            return Math.Max(max - 1, 1);
        }

        /// <summary>
        /// u_q of both quads from the U-VLC codes: prefixes first, then suffixes, then extensions. In the
        /// initial line-pair, when both quads have u_off = 1 a MEL event tells whether both u_q exceed 2.
        /// </summary>
        private void DecodeExponentBounds(int first, int second, bool initial, out int u0, out int u1)
        {
            var mode = ((first >> 3) & 1) | ((second >> 2) & 2);
            u0 = 0;
            u1 = 0;
            if (mode == 1)
                u0 = DecodeU();
            else if (mode == 2)
                u1 = DecodeU();
            else if (mode == 3 && (!initial || mel.NextEvent() == 1))
            {
                DecodeUPair(out u0, out u1);
                if (initial)
                {
                    u0 += 2;
                    u1 += 2;
                }
            }
            else if (mode == 3)
                DecodeInitialUPairWithoutEvent(out u0, out u1);
        }

        private void DecodeInitialUPairWithoutEvent(out int u0, out int u1)
        {
            var prefix0 = DecodePrefix();
            if (prefix0 > 2)
            {
                // Not both above 2 and u_q0 > 2, so u_q1 is 1 or 2: a single bit.
                u1 = 1 + (int)vlc.Read(1);
                u0 = prefix0 + DecodeSuffix(prefix0);
                u0 += DecodeExtension(u0, prefix0);
                return;
            }
            var prefix1 = DecodePrefix();
            u0 = prefix0;
            u1 = prefix1 + DecodeSuffix(prefix1);
            u1 += DecodeExtension(u1, prefix1);
        }

        private void DecodeUPair(out int u0, out int u1)
        {
            var prefix0 = DecodePrefix();
            var prefix1 = DecodePrefix();
            u0 = prefix0 + DecodeSuffix(prefix0);
            u1 = prefix1 + DecodeSuffix(prefix1);
            u0 += DecodeExtension(u0, prefix0);
            u1 += DecodeExtension(u1, prefix1);
        }

        private int DecodeU()
        {
            var prefix = DecodePrefix();
            var u = prefix + DecodeSuffix(prefix);
            return u + DecodeExtension(u, prefix);
        }

        /// <summary>U-VLC prefix: "1" → 1, "01" → 2, "001" → 3, "000" → 5.</summary>
        private int DecodePrefix()
        {
            var bits = vlc.Peek(3);
            if ((bits & 1) != 0) { vlc.Advance(1); return 1; }
            if ((bits & 2) != 0) { vlc.Advance(2); return 2; }
            vlc.Advance(3);
            return (bits & 4) != 0 ? 3 : 5;
        }

        private int DecodeSuffix(int prefix) => prefix switch
        {
            3 => (int)vlc.Read(1),
            5 => (int)vlc.Read(5),
            _ => 0,
        };

        /// <summary>u_ext: 4 more bits, worth 4 each, when the 5-bit suffix is 28 or more.</summary>
        private int DecodeExtension(int u, int prefix) => prefix == 5 && u - 5 >= 28 ? 4 * (int)vlc.Read(4) : 0;

        private void DecodeQuadSamples(int info, int bound, int x, int y)
        {
            var rho = (info >> 4) & 0xF;
            if (rho == 0)
                return;
            if (((rho & 0b1010) != 0 && y + 1 >= height) || ((rho & 0b1100) != 0 && x + 1 >= width))
                throw new DicomCodecException("HT cleanup: significant sample outside the code-block");
            for (var remaining = rho; remaining != 0; remaining &= remaining - 1)
            {
                var n = BitOperations.TrailingZeroCount(remaining);
                var implicitMsb = (info >> (12 + n)) & 1;
                var bits = bound - implicitMsb;
                var v = magSgn.Read(bits) | ((uint)((info >> (8 + n)) & implicitMsb) << bits);
                var magnitude = (int)(v >> 1) + 1;
                var value = magnitude << p;
                var sx = x + (n >> 1);
                var sy = y + (n & 1);
                samples[sy * width + sx] = (v & 1) != 0 ? -value : value;
                if ((n & 1) != 0)
                    below[sx + 1] = 32 - BitOperations.LeadingZeroCount(v | 1);
            }
        }
    }
}
