using System.Numerics;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// Sequential DCT encoder (Processes 1 and 2/4, Huffman): quality-scaled Annex K quantization tables,
/// optimal Huffman tables, RGB → YCbCr with optional 4:2:2 chroma subsampling.
/// </summary>
internal static class JpegDctEncoder
{
    private static readonly float[] Cos = BuildCos();

    private static float[] BuildCos()
    {
        var t = new float[64];
        for (var u = 0; u < 8; u++)
            for (var x = 0; x < 8; x++)
                t[u * 8 + x] = (float)((u == 0 ? Math.Sqrt(0.5) : 1.0) * Math.Cos((2 * x + 1) * u * Math.PI / 16) / 2);
        return t;
    }

    private sealed class Plane
    {
        public int H, V, Width, Height, BlocksX, BlocksY, TableIndex;
        public float[] Data = [];
        public short[] Coefs = [];
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
        var words = info.BitsAllocated == 16 ? MemoryMarshal.Cast<byte, ushort>(native) : default;
        var planeLen = width * height;
        // Full-resolution float planes, level-shifted later.
        var full = new float[n][];
        for (var c = 0; c < n; c++)
        {
            var p = full[c] = new float[planeLen];
            for (var i = 0; i < planeLen; i++)
            {
                var idx = info.PlanarConfiguration == 1 ? c * planeLen + i : i * n + c;
                p[i] = (info.BitsAllocated == 16 ? words[idx] : native[idx]) & mask;
            }
        }
        if (n == 3 && info.PhotometricInterpretation == "RGB")
        {
            for (var i = 0; i < planeLen; i++)
            {
                float r = full[0][i], g = full[1][i], b = full[2][i];
                full[0][i] = 0.299f * r + 0.587f * g + 0.114f * b;
                full[1][i] = -0.168736f * r - 0.331264f * g + 0.5f * b + center;
                full[2][i] = 0.5f * r - 0.418688f * g - 0.081312f * b + center;
            }
        }
        var planes = new Plane[n];
        for (var c = 0; c < n; c++)
        {
            var h = c == 0 ? hmax : 1;
            var pl = planes[c] = new Plane { H = h, V = 1, TableIndex = c == 0 ? 0 : 1 };
            pl.BlocksX = mcusX * h;
            pl.BlocksY = mcusY;
            pl.Width = pl.BlocksX * 8;
            pl.Height = pl.BlocksY * 8;
            pl.Data = new float[pl.Width * pl.Height];
            var cw = (width * h + hmax - 1) / hmax;
            for (var y = 0; y < pl.Height; y++)
            {
                var sy = Math.Min(y, height - 1);
                for (var x = 0; x < pl.Width; x++)
                {
                    float v;
                    if (h == hmax) v = full[c][sy * width + Math.Min(x, width - 1)];
                    else
                    {
                        var sx = Math.Min(x, cw - 1) * 2;
                        v = (full[c][sy * width + Math.Min(sx, width - 1)] + full[c][sy * width + Math.Min(sx + 1, width - 1)]) * 0.5f;
                    }
                    pl.Data[y * pl.Width + x] = v - center;
                }
            }
        }
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
        // Transform and quantize every block.
        Span<float> tmp = stackalloc float[64];
        Span<float> blk = stackalloc float[64];
        foreach (var pl in planes)
        {
            pl.Coefs = new short[pl.BlocksX * pl.BlocksY * 64];
            var q = quant[pl.TableIndex];
            var maxCoef = precision == 8 ? 1023 : 16383;
            for (var by = 0; by < pl.BlocksY; by++)
                for (var bx = 0; bx < pl.BlocksX; bx++)
                {
                    for (var y = 0; y < 8; y++)
                        pl.Data.AsSpan((by * 8 + y) * pl.Width + bx * 8, 8).CopyTo(blk.Slice(y * 8, 8));
                    Forward(blk, tmp);
                    var outp = pl.Coefs.AsSpan((by * pl.BlocksX + bx) * 64, 64);
                    var zz = JpegTables.ZigZag;
                    for (var k = 0; k < 64; k++)
                    {
                        var z = zz[k];
                        var v = (int)MathF.Round(blk[z] / q[z], MidpointRounding.AwayFromZero);
                        outp[k] = (short)Math.Clamp(v, k == 0 ? -maxCoef * 2 : -maxCoef, k == 0 ? maxCoef * 2 : maxCoef);
                    }
                }
            pl.Data = [];
        }
        // Huffman statistics and tables: 0 for luminance, 1 for chrominance.
        var dcFreq = new long[tableCount][];
        var acFreq = new long[tableCount][];
        for (var t = 0; t < tableCount; t++) { dcFreq[t] = new long[257]; acFreq[t] = new long[257]; }
        var restart = options.RestartInterval;
        Walk(planes, mcusX, mcusY, restart, (pl, block, pred) =>
        {
            dcFreq[pl.TableIndex][Category(block[0] - pred)]++;
            var run = 0;
            for (var k = 1; k < 64; k++)
            {
                if (block[k] == 0) { run++; continue; }
                while (run > 15) { acFreq[pl.TableIndex][0xF0]++; run -= 16; }
                acFreq[pl.TableIndex][(run << 4) | Category(block[k])]++;
                run = 0;
            }
            if (run > 0) acFreq[pl.TableIndex][0]++;
        }, null);
        var dcT = new HuffmanEncodeTable[tableCount];
        var acT = new HuffmanEncodeTable[tableCount];
        for (var t = 0; t < tableCount; t++) { dcT[t] = new HuffmanEncodeTable(dcFreq[t]); acT[t] = new HuffmanEncodeTable(acFreq[t]); }

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
        Walk(planes, mcusX, mcusY, restart, (pl, block, pred) =>
        {
            var diff = block[0] - pred;
            var s = Category(diff);
            w.Huffman(dcT[pl.TableIndex], s);
            if (s > 0) w.Bits((uint)(diff < 0 ? diff - 1 : diff), s);
            var ac = acT[pl.TableIndex];
            var run = 0;
            for (var k = 1; k < 64; k++)
            {
                int v = block[k];
                if (v == 0) { run++; continue; }
                while (run > 15) { w.Huffman(ac, 0xF0); run -= 16; }
                var cat = Category(v);
                w.Huffman(ac, (run << 4) | cat);
                w.Bits((uint)(v < 0 ? v - 1 : v), cat);
                run = 0;
            }
            if (run > 0) w.Huffman(ac, 0);
        }, rst => { w.AlignOnes(); w.Marker(0xD0 + rst); });
        w.AlignOnes();
        w.Marker(0xD9);
        return w.ToArray();
    }

    private delegate void BlockAction(Plane plane, ReadOnlySpan<short> block, int pred);

    private static void Walk(Plane[] planes, int mcusX, int mcusY, int restart, BlockAction action, Action<int>? onRestart)
    {
        var preds = new int[planes.Length];
        var count = 0;
        var rst = 0;
        for (var my = 0; my < mcusY; my++)
            for (var mx = 0; mx < mcusX; mx++)
            {
                if (restart > 0 && count == restart)
                {
                    onRestart?.Invoke(rst);
                    rst = (rst + 1) & 7;
                    count = 0;
                    Array.Clear(preds);
                }
                count++;
                for (var c = 0; c < planes.Length; c++)
                {
                    var pl = planes[c];
                    for (var v = 0; v < pl.V; v++)
                        for (var h = 0; h < pl.H; h++)
                        {
                            var b = pl.Coefs.AsSpan(((my * pl.V + v) * pl.BlocksX + mx * pl.H + h) * 64, 64);
                            action(pl, b, preds[c]);
                            preds[c] = b[0];
                        }
                }
            }
    }

    private static int Category(int v) => 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(v));

    /// <summary>Separable floating-point forward DCT (A.3.3), in place in <paramref name="b"/>.</summary>
    private static void Forward(Span<float> b, Span<float> tmp)
    {
        var cos = Cos;
        for (var y = 0; y < 8; y++)
            for (var u = 0; u < 8; u++)
            {
                float s = 0;
                for (var x = 0; x < 8; x++) s += b[y * 8 + x] * cos[u * 8 + x];
                tmp[y * 8 + u] = s;
            }
        for (var u = 0; u < 8; u++)
            for (var v = 0; v < 8; v++)
            {
                float s = 0;
                for (var y = 0; y < 8; y++) s += tmp[y * 8 + u] * cos[v * 8 + y];
                b[v * 8 + u] = s;
            }
    }
}
