using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// Sequential DCT encoder (Processes 1 and 2/4, Huffman): quality-scaled Annex K quantization tables,
/// optimal Huffman tables, RGB → YCbCr with optional 4:2:2 chroma subsampling, integer forward DCT.
/// </summary>
internal static class JpegDctEncoder
{
    private sealed class Plane
    {
        public int H, V, Width, Height, BlocksX, BlocksY, TableIndex;
        public int[] Data = [];
        public short[] Coefs = [];
        public ulong[] NonZero = [];
    }

    public static byte[] Encode(ReadOnlySpan<byte> native, FrameInfo info, int precision, int quality, JpegCodecOptions options, bool extended)
    {
        if (info.SamplesPerPixel == 3 && info.PhotometricInterpretation is not ("RGB" or "YBR_FULL"))
            throw new DicomCodecException($"JPEG: cannot DCT-encode colour frames with Photometric Interpretation {info.PhotometricInterpretation}");
        int width = info.Columns, height = info.Rows, n = info.SamplesPerPixel;
        var sub = n == 3 && options.Subsampling == JpegSubsampling.Yuv422;
        var hmax = sub ? 2 : 1;
        var mcusX = (width + 8 * hmax - 1) / (8 * hmax);
        var mcusY = (height + 7) / 8;
        var mask = (1 << precision) - 1;
        var center = 1 << (precision - 1);
        var planeLen = width * height;
        var planes = new Plane[n];
        for (var c = 0; c < n; c++)
        {
            var h = c == 0 ? hmax : 1;
            var pl = planes[c] = new Plane { H = h, V = 1, TableIndex = c == 0 ? 0 : 1 };
            pl.BlocksX = mcusX * h;
            pl.BlocksY = mcusY;
            pl.Width = pl.BlocksX * 8;
            pl.Height = pl.BlocksY * 8;
            pl.Data = ArrayPool<int>.Shared.Rent(pl.Width * pl.Height);
        }
        FillPlanes(native, info, planes, hmax, mask, center);
        // Quantization tables (natural order), scaled as IJG does: 5000/q below 50, 200-2q above.
        quality = Math.Clamp(quality, 1, 100);
        var scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
        var tableCount = n == 1 ? 1 : 2;
        var quant = new int[tableCount][];
        for (var t = 0; t < tableCount; t++)
        {
            var basis = t == 0 ? JpegTables.LuminanceQuant : JpegTables.ChrominanceQuant;
            quant[t] = new int[64];
            for (var i = 0; i < 64; i++) quant[t][i] = Math.Clamp((basis[i] * scale + 50) / 100, 1, 255);
        }
        // Transform and quantize every block: integer DCT whose output is 8× the true coefficients.
        foreach (var pl in planes)
        {
            TransformPlane(pl, quant[pl.TableIndex], center, precision);
            ArrayPool<int>.Shared.Return(pl.Data);
            pl.Data = [];
        }
        // Huffman statistics and tables: 0 for luminance, 1 for chrominance.
        var stats = new Statistics(tableCount);
        var restart = options.RestartInterval;
        Walk(planes, mcusX, mcusY, restart, ref stats);
        var dcT = new HuffmanEncodeTable[tableCount];
        var acT = new HuffmanEncodeTable[tableCount];
        for (var t = 0; t < tableCount; t++) { dcT[t] = new HuffmanEncodeTable(stats.Dc[t]); acT[t] = new HuffmanEncodeTable(stats.Ac[t]); }

        var w = new JpegWriter(planeLen * n / 4 + 2048);
        w.Marker(0xD8);
        if (n == 3)
        {
            w.Marker(0xE0);
            w.Word(16);
            foreach (var b in "JFIF\0"u8) w.Byte(b);
            w.Word(0x0102); w.Byte(0); w.Word(1); w.Word(1); w.Byte(0); w.Byte(0);
        }
        for (var t = 0; t < tableCount; t++)
        {
            w.Marker(0xDB);
            w.Word(67);
            w.Byte(t);
            for (var k = 0; k < 64; k++) w.Byte(quant[t][JpegTables.ZigZag[k]]);
        }
        w.Marker(extended ? 0xC1 : 0xC0);
        w.Word(8 + 3 * n);
        w.Byte(precision);
        w.Word(height);
        w.Word(width);
        w.Byte(n);
        for (var c = 0; c < n; c++) { w.Byte(c + 1); w.Byte((planes[c].H << 4) | planes[c].V); w.Byte(planes[c].TableIndex); }
        for (var t = 0; t < tableCount; t++) { w.Dht(0, t, dcT[t]); w.Dht(1, t, acT[t]); }
        if (restart > 0)
        {
            w.Marker(0xDD);
            w.Word(4);
            w.Word(Math.Min(restart, 65535));
        }
        w.Marker(0xDA);
        w.Word(6 + 2 * n);
        w.Byte(n);
        for (var c = 0; c < n; c++) { w.Byte(c + 1); w.Byte((planes[c].TableIndex << 4) | planes[c].TableIndex); }
        w.Byte(0); w.Byte(63); w.Byte(0);
        var emitter = new Emitter(w, dcT, acT);
        Walk(planes, mcusX, mcusY, restart, ref emitter);
        w.AlignOnes();
        w.Marker(0xD9);
        foreach (var pl in planes)
        {
            ArrayPool<short>.Shared.Return(pl.Coefs);
            ArrayPool<ulong>.Shared.Return(pl.NonZero);
        }
        return w.ToArray();
    }

    /// <summary>
    /// Fills the planes row by row: components taken out of the native layout, RGB converted with
    /// 16-bit fixed-point JFIF equations (rounded), chroma averaged 2:1 when subsampled, the edges
    /// replicated out to whole blocks.
    /// </summary>
    private static void FillPlanes(ReadOnlySpan<byte> native, FrameInfo info, Plane[] planes, int hmax, int mask, int center)
    {
        int width = info.Columns, height = info.Rows, n = info.SamplesPerPixel;
        var rowBuffer = ArrayPool<int>.Shared.Rent(n * width);
        const int half = 1 << 15;
        Span<int> k = [Fix(0.299), Fix(0.587), Fix(0.114), Fix(0.16874), Fix(0.33126), Fix(0.5), Fix(0.41869), Fix(0.08131), half, (center << 16) + half - 1];
        var rgb = n == 3 && info.PhotometricInterpretation == "RGB";
        var fastRgb = rgb && info.BitsAllocated == 8 && info.PlanarConfiguration == 0 && mask == 255;
        var words = info.BitsAllocated == 16 ? MemoryMarshal.Cast<byte, ushort>(native) : default;
        var planeLen = width * height;
        for (var y = 0; y < height; y++)
        {
            var row0 = rowBuffer.AsSpan(0, width);
            var row1 = n == 3 ? rowBuffer.AsSpan(width, width) : default;
            var row2 = n == 3 ? rowBuffer.AsSpan(2 * width, width) : default;
            var done = 0;
            if (fastRgb) done = JpegColorSimd.RgbToYcc8(native.Slice(y * width * 3, width * 3), row0, row1, row2, k);
            for (var c = 0; c < n; c++)
            {
                var p = rowBuffer.AsSpan(c * width, width);
                var rowStart = y * width;
                if (info.PlanarConfiguration == 1 || n == 1)
                {
                    if (info.BitsAllocated == 16) for (var x = done; x < width; x++) p[x] = words[c * planeLen + rowStart + x] & mask;
                    else for (var x = done; x < width; x++) p[x] = native[c * planeLen + rowStart + x] & mask;
                }
                else if (info.BitsAllocated == 16) for (var x = done; x < width; x++) p[x] = words[(rowStart + x) * n + c] & mask;
                else for (var x = done; x < width; x++) p[x] = native[(rowStart + x) * n + c] & mask;
            }
            if (rgb)
                for (var x = done; x < width; x++)
                {
                    int r = row0[x], g = row1[x], b = row2[x];
                    row0[x] = (k[0] * r + k[1] * g + k[2] * b + k[8]) >> 16;
                    row1[x] = (-k[3] * r - k[4] * g + k[5] * b + k[9]) >> 16;
                    row2[x] = (k[5] * r - k[6] * g - k[7] * b + k[9]) >> 16;
                }
            for (var c = 0; c < n; c++) PlaceRow(rowBuffer.AsSpan(c * width, width), planes[c], y, hmax);
        }
        foreach (var pl in planes)
            for (var y = height; y < pl.Height; y++)
                pl.Data.AsSpan((height - 1) * pl.Width, pl.Width).CopyTo(pl.Data.AsSpan(y * pl.Width, pl.Width));
        ArrayPool<int>.Shared.Return(rowBuffer);
    }

    private static void PlaceRow(ReadOnlySpan<int> row, Plane pl, int y, int hmax)
    {
        var width = row.Length;
        var d = pl.Data.AsSpan(y * pl.Width, pl.Width);
        if (pl.H == hmax)
        {
            row.CopyTo(d);
            d[width..].Fill(row[width - 1]);
            return;
        }
        // 2:1 horizontal average with alternating rounding bias, right edge replicated.
        var cw = (width + 1) / 2;
        for (var x = JpegColorSimd.Subsample2(row, d[..(width / 2)]); x < pl.Width; x++)
        {
            var sx = Math.Min(x, cw - 1) * 2;
            d[x] = (row[Math.Min(sx, width - 1)] + row[Math.Min(sx + 1, width - 1)] + (x & 1)) >> 1;
        }
    }

    /// <summary>
    /// Forward DCT and quantization of every block of a plane; coefficients are stored in natural
    /// order with a mask of the non-zero ones in zig-zag order (bit k for zig-zag index k).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void TransformPlane(Plane pl, int[] q, int center, int precision)
    {
        var blocks = pl.BlocksX * pl.BlocksY;
        pl.Coefs = ArrayPool<short>.Shared.Rent(blocks * 64);
        pl.NonZero = ArrayPool<ulong>.Shared.Rent(blocks);
        var maxCoef = precision == 8 ? 2047 : 32767;
        // Division by d = 8·q as a multiply by ⌈2^32/d⌉: exact because |coefficient| + d/2 < 2^32/d.
        Span<int> half = stackalloc int[64];
        Span<uint> recip = stackalloc uint[64];
        Span<byte> zigzagOf = stackalloc byte[64];
        var zz = JpegTables.ZigZag;
        for (var k = 0; k < 64; k++) zigzagOf[zz[k]] = (byte)k;
        for (var i = 0; i < 64; i++)
        {
            var d = q[i] << 3;
            half[i] = d >> 1;
            recip[i] = (uint)(((1UL << 32) + (ulong)d - 1) / (ulong)d);
        }
        Span<int> blk = stackalloc int[64];
        var data = pl.Data;
        for (var by = 0; by < pl.BlocksY; by++)
            for (var bx = 0; bx < pl.BlocksX; bx++)
            {
                var origin = by * 8 * pl.Width + bx * 8;
                var block = by * pl.BlocksX + bx;
                var output = pl.Coefs.AsSpan(block * 64, 64);
                ulong natural;
                if (JpegFdctAvx2.IsSupported && origin + 7 * pl.Width + 8 <= data.Length)
                    natural = JpegFdctAvx2.ForwardQuantize(ref data[origin], pl.Width, center, precision, ref half[0], ref recip[0], maxCoef, ref output[0]);
                else
                {
                    for (var y = 0; y < 8; y++)
                    {
                        var srow = data.AsSpan(origin + y * pl.Width, 8);
                        for (var x = 0; x < 8; x++) blk[y * 8 + x] = srow[x] - center;
                    }
                    JpegFdct.Forward(blk, precision);
                    natural = Quantize(blk, half, recip, output, maxCoef);
                }
                ulong zigzag = 0;
                for (; natural != 0; natural &= natural - 1) zigzag |= 1UL << zigzagOf[BitOperations.TrailingZeroCount(natural)];
                pl.NonZero[block] = zigzag;
            }
    }

    private static ulong Quantize(ReadOnlySpan<int> blk, ReadOnlySpan<int> half, ReadOnlySpan<uint> recip, Span<short> output, int maxCoef)
    {
        ulong nonZero = 0;
        for (var i = 0; i < 64; i++)
        {
            var v = blk[i];
            var x = v < 0 ? -v : v;
            var quotient = (int)(((ulong)(uint)(x + half[i]) * recip[i]) >> 32);
            if (quotient > maxCoef) quotient = maxCoef;
            output[i] = (short)(v < 0 ? -quotient : quotient);
            if (quotient != 0) nonZero |= 1UL << i;
        }
        return nonZero;
    }

    private interface IBlockVisitor
    {
        void Block(Plane plane, ReadOnlySpan<short> block, ulong nonZero, int pred);

        void Restart(int rst);
    }

    /// <summary>Counts the DC and AC symbols the scan will use (for the optimal tables).</summary>
    private readonly struct Statistics(int tables) : IBlockVisitor
    {
        public readonly long[][] Dc = Enumerable.Range(0, tables).Select(_ => new long[257]).ToArray();
        public readonly long[][] Ac = Enumerable.Range(0, tables).Select(_ => new long[257]).ToArray();

        public void Block(Plane plane, ReadOnlySpan<short> block, ulong nonZero, int pred)
        {
            Dc[plane.TableIndex][Category(block[0] - pred)]++;
            var ac = Ac[plane.TableIndex];
            var last = 0;
            for (var bits = nonZero & ~1UL; bits != 0; bits &= bits - 1)
            {
                var k = BitOperations.TrailingZeroCount(bits);
                var run = k - last - 1;
                for (; run > 15; run -= 16) ac[0xF0]++;
                ac[(run << 4) | Category(block[JpegTables.ZigZag[k]])]++;
                last = k;
            }
            if (last < 63) ac[0]++;
        }

        public void Restart(int rst) { }
    }

    /// <summary>Writes the Huffman-coded blocks (F.1.2).</summary>
    private readonly struct Emitter(JpegWriter writer, HuffmanEncodeTable[] dc, HuffmanEncodeTable[] ac) : IBlockVisitor
    {
        public void Block(Plane plane, ReadOnlySpan<short> block, ulong nonZero, int pred)
        {
            var w = writer;
            var diff = block[0] - pred;
            var s = Category(diff);
            var dcTable = dc[plane.TableIndex];
            w.Bits(dcTable.Code[s], dcTable.Size[s]);
            if (s > 0) w.Bits((uint)(diff < 0 ? diff - 1 : diff), s);
            var table = ac[plane.TableIndex];
            var code = table.Code;
            var size = table.Size;
            var last = 0;
            for (var bits = nonZero & ~1UL; bits != 0; bits &= bits - 1)
            {
                var k = BitOperations.TrailingZeroCount(bits);
                var run = k - last - 1;
                for (; run > 15; run -= 16) w.Bits(code[0xF0], size[0xF0]);
                int v = block[JpegTables.ZigZag[k]];
                var cat = Category(v);
                var symbol = (run << 4) | cat;
                // Code and extra bits together are at most 16 + 11 bits.
                w.Bits((code[symbol] << cat) | ((uint)(v < 0 ? v - 1 : v) & ((1u << cat) - 1)), size[symbol] + cat);
                last = k;
            }
            if (last < 63) w.Bits(code[0], size[0]);
        }

        public void Restart(int rst)
        {
            writer.AlignOnes();
            writer.Marker(0xD0 + rst);
        }
    }

    private static void Walk<T>(Plane[] planes, int mcusX, int mcusY, int restart, ref T visitor) where T : struct, IBlockVisitor
    {
        Span<int> preds = stackalloc int[planes.Length];
        var count = 0;
        var rst = 0;
        for (var my = 0; my < mcusY; my++)
            for (var mx = 0; mx < mcusX; mx++)
            {
                if (restart > 0 && count == restart)
                {
                    visitor.Restart(rst);
                    rst = (rst + 1) & 7;
                    count = 0;
                    preds.Clear();
                }
                count++;
                for (var c = 0; c < planes.Length; c++)
                {
                    var pl = planes[c];
                    for (var v = 0; v < pl.V; v++)
                        for (var h = 0; h < pl.H; h++)
                        {
                            var index = (my * pl.V + v) * pl.BlocksX + mx * pl.H + h;
                            var b = pl.Coefs.AsSpan(index * 64, 64);
                            visitor.Block(pl, b, pl.NonZero[index], preds[c]);
                            preds[c] = b[0];
                        }
                }
            }
    }

    private static int Category(int v) => 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(v));

    private static int Fix(double x) => (int)(x * 65536 + 0.5);
}
