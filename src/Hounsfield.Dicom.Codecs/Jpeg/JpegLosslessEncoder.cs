using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>JPEG lossless (Process 14, T.81 Annex H) encoder with optimal Huffman tables.</summary>
internal static class JpegLosslessEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> native, FrameInfo info, int predictor, int pt, int restart)
    {
        int width = info.Columns, height = info.Rows, n = info.SamplesPerPixel;
        var precision = Math.Clamp(info.BitsStored, 2, 16);
        if (pt < 0 || pt >= precision) throw new ArgumentException("the point transform must be smaller than the precision");
        var rowsPerInterval = restart > 0 ? (restart + width - 1) / width : int.MaxValue;
        if (restart > 0 && (long)rowsPerInterval * width > 65535) rowsPerInterval = Math.Max(1, 65535 / width);
        if (restart > 0 && width > 65535) throw new DicomCodecException("JPEG: the row is too long for a restart interval");
        var plane = width * height;
        var samples = ArrayPool<ushort>.Shared.Rent(plane * n);
        var diffs = ArrayPool<int>.Shared.Rent(plane * n);
        try
        {
            // Gather samples as planes, masked to the precision and point-transformed.
            var mask = (1 << precision) - 1;
            var words = info.BitsAllocated == 16 ? MemoryMarshal.Cast<byte, ushort>(native) : default;
            for (var c = 0; c < n; c++)
            {
                var dst = samples.AsSpan(c * plane, plane);
                for (var i = 0; i < plane; i++)
                {
                    var idx = info.PlanarConfiguration == 1 ? c * plane + i : i * n + c;
                    int v = info.BitsAllocated == 16 ? words[idx] : native[idx];
                    dst[i] = (ushort)((v & mask) >> pt);
                }
            }
            var initial = 1 << (precision - pt - 1);
            Span<long> freq = stackalloc long[257];
            var tables = new HuffmanEncodeTable[n];
            for (var c = 0; c < n; c++)
            {
                var s = samples.AsSpan(c * plane, plane);
                var d = diffs.AsSpan(c * plane, plane);
                for (var y = 0; y < height; y++)
                {
                    var first = y % rowsPerInterval == 0;
                    var row = s.Slice(y * width, width);
                    var dr = d.Slice(y * width, width);
                    if (first)
                    {
                        dr[0] = row[0] - initial;
                        for (var x = 1; x < width; x++) dr[x] = row[x] - row[x - 1];
                    }
                    else
                    {
                        var prev = s.Slice((y - 1) * width, width);
                        dr[0] = row[0] - prev[0];
                        switch (predictor)
                        {
                            case 1: for (var x = 1; x < width; x++) dr[x] = row[x] - row[x - 1]; break;
                            case 2: for (var x = 1; x < width; x++) dr[x] = row[x] - prev[x]; break;
                            case 3: for (var x = 1; x < width; x++) dr[x] = row[x] - prev[x - 1]; break;
                            case 4: for (var x = 1; x < width; x++) dr[x] = row[x] - (row[x - 1] + prev[x] - prev[x - 1]); break;
                            case 5: for (var x = 1; x < width; x++) dr[x] = row[x] - (row[x - 1] + ((prev[x] - prev[x - 1]) >> 1)); break;
                            case 6: for (var x = 1; x < width; x++) dr[x] = row[x] - (prev[x] + ((row[x - 1] - prev[x - 1]) >> 1)); break;
                            default: for (var x = 1; x < width; x++) dr[x] = row[x] - ((row[x - 1] + prev[x]) >> 1); break;
                        }
                    }
                }
                freq.Clear();
                for (var i = 0; i < plane; i++)
                {
                    // Differences are taken modulo 2^16 (H.1.2.1) into -32767..32768.
                    var v = (short)d[i];
                    d[i] = v;
                    freq[Category(v)]++;
                }
                tables[c] = new HuffmanEncodeTable(freq);
            }
            var w = new JpegWriter(plane * n * precision / 16 + 1024);
            w.Marker(0xD8);
            w.Marker(0xC3);
            w.Word(8 + 3 * n);
            w.Byte(precision);
            w.Word(height);
            w.Word(width);
            w.Byte(n);
            for (var c = 0; c < n; c++) { w.Byte(c + 1); w.Byte(0x11); w.Byte(0); }
            for (var c = 0; c < n; c++) w.Dht(0, c, tables[c]);
            if (rowsPerInterval != int.MaxValue && rowsPerInterval < height)
            {
                w.Marker(0xDD);
                w.Word(4);
                w.Word(rowsPerInterval * width);
            }
            else rowsPerInterval = int.MaxValue;
            w.Marker(0xDA);
            w.Word(6 + 2 * n);
            w.Byte(n);
            for (var c = 0; c < n; c++) { w.Byte(c + 1); w.Byte(c << 4); }
            w.Byte(predictor);
            w.Byte(0);
            w.Byte(pt);
            var rst = 0;
            for (var y = 0; y < height; y++)
            {
                if (y > 0 && y % rowsPerInterval == 0)
                {
                    w.AlignOnes();
                    w.Marker(0xD0 + rst);
                    rst = (rst + 1) & 7;
                }
                if (n == 1)
                {
                    var t = tables[0];
                    foreach (var v in diffs.AsSpan(y * width, width)) Put(w, t, v);
                }
                else
                {
                    for (var x = 0; x < width; x++)
                        for (var c = 0; c < n; c++) Put(w, tables[c], diffs[c * plane + y * width + x]);
                }
            }
            w.AlignOnes();
            w.Marker(0xD9);
            return w.ToArray();
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(samples);
            ArrayPool<int>.Shared.Return(diffs);
        }
    }

    private static int Category(int v)
    {
        if (v == -32768) return 16;
        return 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(v));
    }

    private static void Put(JpegWriter w, HuffmanEncodeTable t, int v)
    {
        var s = Category(v);
        w.Bits(t.Code[s], t.Size[s]);
        if (s is > 0 and < 16) w.Bits((uint)(v < 0 ? v - 1 : v), s);
    }
}
