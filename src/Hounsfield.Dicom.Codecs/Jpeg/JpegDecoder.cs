using System.Buffers;
using System.Buffers.Binary;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>One component of a frame (T.81 B.2.2) and its decoded data.</summary>
internal sealed class JpegComponent
{
    public int Id;
    public int Index;
    public int H;
    public int V;
    public int Tq;
    public int Td;
    public int Ta;
    public int Pred;
    /// <summary>Samples across and down at the component's resolution (A.1.1).</summary>
    public int Width;
    public int Height;
    /// <summary>Blocks across and down as allocated (whole MCUs).</summary>
    public int BlocksPerLine;
    public int BlockRows;
    public bool Scanned;
    public short[]? Coefs;
    public ushort[]? Samples;
    /// <summary>Row stride of <see cref="Samples"/> (DCT: BlocksPerLine * 8; lossless: Width).</summary>
    public int Stride;
}

/// <summary>
/// Decodes one JPEG code stream (T.81 Annex B syntax): sequential DCT (SOF0/SOF1), progressive DCT
/// (SOF2) and lossless (SOF3), Huffman coded, non-hierarchical.
/// </summary>
internal sealed class JpegDecoder
{
    private readonly ushort[][] _quant = new ushort[4][];
    private readonly HuffmanDecodeTable?[] _dc = new HuffmanDecodeTable?[4];
    private readonly HuffmanDecodeTable?[] _ac = new HuffmanDecodeTable?[4];
    private int _restartInterval;
    private int _adobeTransform = -1;
    private bool _jfif;
    private int _sof = -1;
    private int _precision;
    private int _width;
    private int _height;
    private int _hmax;
    private int _vmax;
    private int _mcusX;
    private int _mcusY;
    private JpegComponent[] _components = [];
    private int _scans;
    private int _eobrun;

    public int FrameType => _sof;
    public int Precision => _precision;
    public int Width => _width;
    public int Height => _height;
    public JpegComponent[] Components => _components;
    public int AdobeTransform => _adobeTransform;
    public bool Jfif => _jfif;

    private static void Fail(string message) => JpegBitReader.Throw(message);

    /// <summary>Parses the code stream and decodes every scan; samples end up in the components.</summary>
    public void Decode(ReadOnlySpan<byte> data, FrameInfo info)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) Fail("the code stream does not start with SOI");
        var pos = 2;
        while (true)
        {
            // B.1.1.2: a marker may be preceded by fill bytes 0xFF; tolerate stray bytes between segments.
            while (pos < data.Length && data[pos] != 0xFF) pos++;
            while (pos < data.Length && data[pos] == 0xFF) pos++;
            if (pos >= data.Length)
            {
                if (_scans == 0) Fail("the code stream ends before any scan");
                // A progressive stream cut between scans would decode to a degraded image.
                if (_sof == 0xC2) Fail("the progressive code stream ends without EOI");
                break;
            }
            int marker = data[pos++];
            if (marker == 0xD9) break;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue; // stray RST or TEM: no segment
            if (pos + 2 > data.Length) Fail("a marker segment is truncated");
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length) Fail($"the marker segment FF{marker:X2} at offset {pos - 2} has a bad length {length}");
            var seg = data.Slice(pos + 2, length - 2);
            pos += length;
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC2 or 0xC3:
                    ReadFrame(marker, seg, info);
                    break;
                case >= 0xC5 and <= 0xCF when marker != 0xC8 && marker != 0xCC:
                    Fail($"SOF{marker - 0xC0} (hierarchical or arithmetic coding) is not supported");
                    break;
                case 0xCC:
                    Fail("arithmetic coding is not supported");
                    break;
                case 0xC4:
                    ReadHuffman(seg);
                    break;
                case 0xDB:
                    ReadQuant(seg);
                    break;
                case 0xDD:
                    if (seg.Length < 2) Fail("DRI is too short");
                    _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(seg);
                    break;
                case 0xDC:
                    Fail("DNL is not supported");
                    break;
                case 0xE0:
                    if (seg.Length >= 5 && seg[..5].SequenceEqual("JFIF\0"u8)) _jfif = true;
                    break;
                case 0xEE:
                    if (seg.Length >= 12 && seg[..5].SequenceEqual("Adobe"u8)) _adobeTransform = seg[11];
                    break;
                case 0xDA:
                    // Bound the work a hostile stream can ask for: every scan walks the whole frame.
                    if (_scans >= 1000) Fail("the code stream has more than 1000 scans");
                    pos = ReadScan(data, pos, seg);
                    _scans++;
                    break;
                default:
                    break; // APPn, COM and others are skipped
            }
        }
        if (_sof < 0) Fail("the code stream has no frame header");
    }

    private void ReadFrame(int marker, ReadOnlySpan<byte> seg, FrameInfo info)
    {
        if (_sof >= 0) Fail("the code stream has more than one frame header");
        if (seg.Length < 6) Fail("the frame header is truncated");
        _sof = marker;
        _precision = seg[0];
        _height = BinaryPrimitives.ReadUInt16BigEndian(seg[1..]);
        _width = BinaryPrimitives.ReadUInt16BigEndian(seg[3..]);
        int nf = seg[5];
        if (seg.Length < 6 + 3 * nf) Fail("the frame header is truncated");
        var lossless = marker == 0xC3;
        if (lossless ? _precision is < 2 or > 16 : _precision is not (8 or 12) || (marker == 0xC0 && _precision != 8))
            Fail($"sample precision {_precision} is not valid for SOF{marker - 0xC0}");
        if (_height == 0) Fail("the frame has 0 lines (DNL is not supported)");
        if (_width == 0) Fail("the frame has 0 samples per line");
        if (_width != info.Columns || _height != info.Rows)
            Fail($"the frame is {_width}x{_height} but the data set says {info.Columns}x{info.Rows}");
        if (nf != info.SamplesPerPixel) Fail($"the frame has {nf} components but Samples per Pixel is {info.SamplesPerPixel}");
        if (nf is not (1 or 3 or 4)) Fail($"{nf} components are not supported");
        if (_precision > info.BitsAllocated) Fail($"sample precision {_precision} exceeds Bits Allocated {info.BitsAllocated}");
        _components = new JpegComponent[nf];
        _hmax = _vmax = 1;
        for (var i = 0; i < nf; i++)
        {
            var c = new JpegComponent
            {
                Id = seg[6 + 3 * i], Index = i, H = seg[7 + 3 * i] >> 4, V = seg[7 + 3 * i] & 15, Tq = seg[8 + 3 * i],
            };
            if (c.H is < 1 or > 4 || c.V is < 1 or > 4) Fail("a component has an invalid sampling factor");
            if (c.Tq > 3) Fail("a component names quantization table > 3");
            for (var j = 0; j < i; j++) if (_components[j].Id == c.Id) Fail("two components have the same identifier");
            if (lossless && (c.H != 1 || c.V != 1)) Fail("lossless frames with subsampled components are not supported");
            _hmax = Math.Max(_hmax, c.H);
            _vmax = Math.Max(_vmax, c.V);
            _components[i] = c;
        }
        var mcuW = lossless ? _hmax : 8 * _hmax;
        var mcuH = lossless ? _vmax : 8 * _vmax;
        _mcusX = (_width + mcuW - 1) / mcuW;
        _mcusY = (_height + mcuH - 1) / mcuH;
        foreach (var c in _components)
        {
            c.Width = (int)(((long)_width * c.H + _hmax - 1) / _hmax);
            c.Height = (int)(((long)_height * c.V + _vmax - 1) / _vmax);
            if (lossless)
            {
                c.Stride = c.Width;
                c.Samples = Rent((long)c.Width * c.Height);
            }
            else
            {
                c.BlocksPerLine = _mcusX * c.H;
                c.BlockRows = _mcusY * c.V;
                c.Stride = c.BlocksPerLine * 8;
                // Sequential frames are inverse-transformed block by block as they are decoded;
                // progressive ones keep every coefficient until the last scan.
                if (marker == 0xC2)
                {
                    c.Coefs = ArrayPool<short>.Shared.Rent((int)Math.Min(int.MaxValue, (long)c.BlocksPerLine * c.BlockRows * 64));
                    c.Coefs.AsSpan().Clear();
                }
                else c.Samples = Rent((long)c.Stride * c.BlockRows * 8);
            }
        }
    }

    private void ReadHuffman(ReadOnlySpan<byte> seg)
    {
        while (seg.Length > 0)
        {
            if (seg.Length < 17) Fail("DHT is truncated");
            int tc = seg[0] >> 4, th = seg[0] & 15;
            if (tc > 1 || th > 3) Fail("DHT has an invalid table class or identifier");
            var total = 0;
            for (var i = 1; i <= 16; i++) total += seg[i];
            if (total > 256 || seg.Length < 17 + total) Fail("DHT is truncated or has more than 256 codes");
            var table = new HuffmanDecodeTable(seg.Slice(1, 16), seg.Slice(17, total));
            (tc == 0 ? _dc : _ac)[th] = table;
            seg = seg[(17 + total)..];
        }
    }

    private void ReadQuant(ReadOnlySpan<byte> seg)
    {
        while (seg.Length > 0)
        {
            int pq = seg[0] >> 4, tq = seg[0] & 15;
            if (pq > 1 || tq > 3) Fail("DQT has an invalid precision or identifier");
            var n = pq == 0 ? 64 : 128;
            if (seg.Length < 1 + n) Fail("DQT is truncated");
            var q = new ushort[64];
            for (var k = 0; k < 64; k++)
                q[JpegTables.ZigZag[k]] = pq == 0 ? seg[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(seg[(1 + 2 * k)..]);
            _quant[tq] = q;
            seg = seg[(1 + n)..];
        }
    }

    private int ReadScan(ReadOnlySpan<byte> data, int pos, ReadOnlySpan<byte> seg)
    {
        if (_sof < 0) Fail("SOS before the frame header");
        if (seg.Length < 1) Fail("SOS is truncated");
        int ns = seg[0];
        if (ns < 1 || ns > 4 || seg.Length < 1 + 2 * ns + 3) Fail("SOS is truncated or names a bad number of components");
        var comps = new JpegComponent[ns];
        for (var i = 0; i < ns; i++)
        {
            int id = seg[1 + 2 * i];
            var c = Array.Find(_components, x => x.Id == id);
            if (c is null) Fail($"the scan names component {id}, which the frame does not have");
            for (var j = 0; j < i; j++) if (comps[j] == c) Fail("the scan names a component twice");
            c!.Td = seg[2 + 2 * i] >> 4;
            c.Ta = seg[2 + 2 * i] & 15;
            c.Scanned = true;
            if (c.Td > 3 || c.Ta > 3) Fail("the scan names a Huffman table > 3");
            comps[i] = c;
        }
        int ss = seg[1 + 2 * ns], se = seg[2 + 2 * ns], ah = seg[3 + 2 * ns] >> 4, al = seg[3 + 2 * ns] & 15;
        var blocksInMcu = 0;
        foreach (var c in comps) blocksInMcu += c.H * c.V;
        if (ns > 1 && blocksInMcu > 10) Fail("the MCU has more than 10 blocks");
        var reader = new JpegBitReader(data, pos);
        switch (_sof)
        {
            case 0xC3:
                if (ss is < 1 or > 7) Fail($"lossless predictor {ss} is not valid");
                if (al >= _precision) Fail("the point transform is not smaller than the precision");
                foreach (var c in comps) if (_dc[c.Td] is null) Fail("the scan uses an undefined Huffman table");
                DecodeLossless(ref reader, comps, ss, al);
                break;
            case 0xC2:
                if (ss > 63 || se > 63 || se < ss || (ss == 0 && se != 0) || (ss > 0 && ns != 1) || al > 13 || ah > 13)
                    Fail("the progressive scan parameters are invalid");
                DecodeProgressive(ref reader, comps, ss, se, ah, al);
                break;
            default:
                if (ss != 0 || se != 63 || ah != 0 || al != 0) Fail("the sequential scan parameters are invalid");
                foreach (var c in comps)
                    if (_dc[c.Td] is null || _ac[c.Ta] is null) Fail("the scan uses an undefined Huffman table");
                DecodeSequential(ref reader, comps);
                break;
        }
        reader.Finish();
        return reader.Position;
    }

    private void DecodeLossless(ref JpegBitReader reader, JpegComponent[] comps, int predictor, int pt)
    {
        var ns = comps.Length;
        var width = _width;
        var height = _height;
        var ri = _restartInterval;
        if (ns == 1) { width = comps[0].Width; height = comps[0].Height; }
        if (ri > 0 && ri % width != 0) Fail("lossless restart intervals that are not whole rows are not supported (see T.81 H.1.1)");
        var rowsPerInterval = ri > 0 ? ri / width : int.MaxValue;
        var initial = 1 << (_precision - pt - 1);
        var mask = (1 << (_precision - pt)) - 1;
        var rst = 0;
        var tables = new HuffmanDecodeTable[ns];
        for (var i = 0; i < ns; i++) tables[i] = _dc[comps[i].Td]!;
        var rowInInterval = 0;
        for (var y = 0; y < height; y++, rowInInterval++)
        {
            if (rowInInterval == rowsPerInterval)
            {
                reader.Restart(rst);
                rst = (rst + 1) & 7;
                rowInInterval = 0;
            }
            var firstRow = rowInInterval == 0;
            if (ns == 1)
            {
                DecodeLosslessRow(ref reader, tables[0], comps[0].Samples.AsSpan(y * width, width),
                    firstRow ? default : comps[0].Samples.AsSpan((y - 1) * width, width), firstRow, predictor, initial, mask);
            }
            else
            {
                for (var x = 0; x < width; x++)
                {
                    for (var ci = 0; ci < ns; ci++)
                    {
                        var s = comps[ci].Samples!;
                        var i = y * width + x;
                        int p;
                        if (firstRow) p = x == 0 ? initial : s[i - 1];
                        else if (x == 0) p = s[i - width];
                        else p = Predict(predictor, s[i - 1], s[i - width], s[i - width - 1]);
                        s[i] = (ushort)((p + DecodeDiff(ref reader, tables[ci])) & mask);
                    }
                }
            }
            if (reader.Overrun) Fail("the entropy-coded data is truncated");
        }
        if (pt > 0)
            foreach (var c in comps)
            {
                var s = c.Samples!;
                for (var i = 0; i < s.Length; i++) s[i] = (ushort)(s[i] << pt);
            }
    }

    private static void DecodeLosslessRow(ref JpegBitReader reader, HuffmanDecodeTable table, Span<ushort> row,
        ReadOnlySpan<ushort> prev, bool firstRow, int predictor, int initial, int mask)
    {
        if (firstRow)
        {
            var p = initial;
            for (var x = 0; x < row.Length; x++)
            {
                p = (p + DecodeDiff(ref reader, table)) & mask;
                row[x] = (ushort)p;
            }
            return;
        }
        int ra = (prev[0] + DecodeDiff(ref reader, table)) & mask;
        row[0] = (ushort)ra;
        switch (predictor)
        {
            case 1:
                for (var x = 1; x < row.Length; x++) { ra = (ra + DecodeDiff(ref reader, table)) & mask; row[x] = (ushort)ra; }
                break;
            case 2:
                for (var x = 1; x < row.Length; x++) row[x] = (ushort)((prev[x] + DecodeDiff(ref reader, table)) & mask);
                break;
            case 3:
                for (var x = 1; x < row.Length; x++) row[x] = (ushort)((prev[x - 1] + DecodeDiff(ref reader, table)) & mask);
                break;
            default:
                for (var x = 1; x < row.Length; x++)
                    row[x] = (ushort)((Predict(predictor, row[x - 1], prev[x], prev[x - 1]) + DecodeDiff(ref reader, table)) & mask);
                break;
        }
    }

    /// <summary>Table H.1 predictors; arithmetic is 32-bit as in H.1.2.1 (then taken modulo 2^16).</summary>
    private static int Predict(int predictor, int ra, int rb, int rc) => predictor switch
    {
        1 => ra,
        2 => rb,
        3 => rc,
        4 => ra + rb - rc,
        5 => ra + ((rb - rc) >> 1),
        6 => rb + ((ra - rc) >> 1),
        _ => (ra + rb) >> 1,
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int DecodeDiff(ref JpegBitReader reader, HuffmanDecodeTable table)
    {
        reader.Ensure32();
        var t = reader.DecodeNoFill(table);
        if (t == 0) return 0;
        if (t >= 16) return t == 16 ? 32768 : BadCategory();
        return reader.ReceiveExtendNoFill(t);
    }

    private static int BadCategory()
    {
        Fail("a lossless difference category exceeds 16");
        return 0;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit]
    private void DecodeSequential(ref JpegBitReader reader, JpegComponent[] comps)
    {
        foreach (var c in comps)
        {
            c.Pred = 0;
            if (_quant[c.Tq] is null) Fail("a component uses an undefined quantization table");
        }
        Span<short> block = stackalloc short[64];
        var rst = 0;
        var todo = _restartInterval;
        var precision = _precision;
        if (comps.Length == 1)
        {
            var c = comps[0];
            var bw = (c.Width + 7) / 8;
            var bh = (c.Height + 7) / 8;
            var dc = _dc[c.Td]!;
            var ac = _ac[c.Ta]!;
            var q = _quant[c.Tq];
            var samples = c.Samples.AsSpan();
            for (var by = 0; by < bh; by++)
            {
                for (var bx = 0; bx < bw; bx++)
                {
                    if (_restartInterval > 0 && todo-- == 0)
                    {
                        reader.Restart(rst); rst = (rst + 1) & 7; todo = _restartInterval - 1; c.Pred = 0;
                    }
                    block.Clear();
                    var o = samples[(by * 8 * c.Stride + bx * 8)..];
                    if (DecodeBlock(ref reader, c, block, dc, ac)) JpegIdct.Inverse(block, q, o, c.Stride, precision);
                    else JpegIdct.InverseDcOnly(block[0], q[0], o, c.Stride, precision);
                }
                if (reader.Overrun) Fail("the entropy-coded data is truncated");
            }
            return;
        }
        for (var my = 0; my < _mcusY; my++)
        {
            for (var mx = 0; mx < _mcusX; mx++)
            {
                if (_restartInterval > 0 && todo-- == 0)
                {
                    reader.Restart(rst); rst = (rst + 1) & 7; todo = _restartInterval - 1;
                    foreach (var c in comps) c.Pred = 0;
                }
                foreach (var c in comps)
                {
                    var dc = _dc[c.Td]!;
                    var ac = _ac[c.Ta]!;
                    var q = _quant[c.Tq];
                    var samples = c.Samples.AsSpan();
                    for (var v = 0; v < c.V; v++)
                        for (var h = 0; h < c.H; h++)
                        {
                            block.Clear();
                            var o = samples[(((my * c.V + v) * 8 * c.Stride) + (mx * c.H + h) * 8)..];
                            if (DecodeBlock(ref reader, c, block, dc, ac)) JpegIdct.Inverse(block, q, o, c.Stride, precision);
                            else JpegIdct.InverseDcOnly(block[0], q[0], o, c.Stride, precision);
                        }
                }
            }
            if (reader.Overrun) Fail("the entropy-coded data is truncated");
        }
    }

    /// <summary>Decodes one block of a sequential scan; returns false when every AC coefficient is zero.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool DecodeBlock(ref JpegBitReader reader, JpegComponent c, scoped Span<short> block, HuffmanDecodeTable dc, HuffmanDecodeTable ac)
    {
        // The bit buffer lives in locals here; the reader is only called to refill or for long codes.
        var (acc, bits) = reader.State;
        if (bits < 32) (acc, bits) = reader.Refill(acc, bits);
        int t = dc.Lookup[(int)(acc >> (64 - HuffmanDecodeTable.LookupBits))];
        if (t != 0)
        {
            acc <<= t >> 8;
            bits -= t >> 8;
            t &= 0xFF;
        }
        else (acc, bits, t) = reader.DecodeSlow(acc, bits, dc);
        if (t > 15) Fail("a DC difference category exceeds 15");
        if (t != 0)
        {
            c.Pred += JpegBitReader.Extend((int)(acc >> (64 - t)), t);
            acc <<= t;
            bits -= t;
        }
        block[0] = (short)c.Pred;
        var zz = JpegTables.ZigZag;
        var any = false;
        var fast = ac.FastAc;
        var lookup = ac.Lookup;
        for (var k = 1; k < 64; k++)
        {
            if (bits < 32) (acc, bits) = reader.Refill(acc, bits);
            var f = fast[(int)(acc >> (64 - HuffmanDecodeTable.FastBits))];
            if (f != 0)
            {
                acc <<= f & 0xFF;
                bits -= f & 0xFF;
                k += (f >> 8) & 15;
                if (k > 63) Fail("an AC run goes past the end of the block");
                block[zz[k]] = (short)(f >> 16);
                any = true;
                continue;
            }
            int rs = lookup[(int)(acc >> (64 - HuffmanDecodeTable.LookupBits))];
            if (rs != 0)
            {
                acc <<= rs >> 8;
                bits -= rs >> 8;
                rs &= 0xFF;
            }
            else (acc, bits, rs) = reader.DecodeSlow(acc, bits, ac);
            var s = rs & 15;
            var r = rs >> 4;
            if (s == 0)
            {
                if (r == 15) { k += 15; continue; }
                break;
            }
            k += r;
            if (k > 63) Fail("an AC run goes past the end of the block");
            block[zz[k]] = (short)JpegBitReader.Extend((int)(acc >> (64 - s)), s);
            acc <<= s;
            bits -= s;
            any = true;
        }
        reader.Exchange(acc, bits);
        return any;
    }

    private void DecodeProgressive(ref JpegBitReader reader, JpegComponent[] comps, int ss, int se, int ah, int al)
    {
        foreach (var c in comps)
        {
            c.Pred = 0;
            if (ss == 0 && ah == 0 && _dc[c.Td] is null) Fail("the scan uses an undefined Huffman table");
            if (ss > 0 && _ac[c.Ta] is null) Fail("the scan uses an undefined Huffman table");
        }
        _eobrun = 0;
        var rst = 0;
        var todo = _restartInterval;
        if (comps.Length == 1)
        {
            var c = comps[0];
            var bw = (c.Width + 7) / 8;
            var bh = (c.Height + 7) / 8;
            for (var by = 0; by < bh; by++)
            {
                for (var bx = 0; bx < bw; bx++)
                {
                    if (_restartInterval > 0 && todo-- == 0)
                    {
                        reader.Restart(rst); rst = (rst + 1) & 7; todo = _restartInterval - 1; c.Pred = 0; _eobrun = 0;
                    }
                    ProgressiveBlock(ref reader, c, c.Coefs.AsSpan((by * c.BlocksPerLine + bx) * 64, 64), ss, se, ah, al);
                }
                if (reader.Overrun) Fail("the entropy-coded data is truncated");
            }
            return;
        }
        for (var my = 0; my < _mcusY; my++)
        {
            for (var mx = 0; mx < _mcusX; mx++)
            {
                if (_restartInterval > 0 && todo-- == 0)
                {
                    reader.Restart(rst); rst = (rst + 1) & 7; todo = _restartInterval - 1;
                    foreach (var c in comps) c.Pred = 0;
                    _eobrun = 0;
                }
                foreach (var c in comps)
                    for (var v = 0; v < c.V; v++)
                        for (var h = 0; h < c.H; h++)
                        {
                            var block = (my * c.V + v) * c.BlocksPerLine + mx * c.H + h;
                            ProgressiveBlock(ref reader, c, c.Coefs.AsSpan(block * 64, 64), ss, se, ah, al);
                        }
            }
            if (reader.Overrun) Fail("the entropy-coded data is truncated");
        }
    }

    /// <summary>One block of a progressive scan (T.81 G.1.2).</summary>
    private void ProgressiveBlock(ref JpegBitReader reader, JpegComponent c, Span<short> block, int ss, int se, int ah, int al)
    {
        var zz = JpegTables.ZigZag;
        if (ss == 0)
        {
            if (ah == 0)
            {
                var t = reader.Decode(_dc[c.Td]!);
                if (t > 15) Fail("a DC difference category exceeds 15");
                if (t != 0) c.Pred += reader.ReceiveExtend(t);
                block[0] = (short)(c.Pred << al);
            }
            else if (reader.GetBit() != 0) block[0] |= (short)(1 << al);
            return;
        }
        var ac = _ac[c.Ta]!;
        if (ah == 0)
        {
            if (_eobrun > 0) { _eobrun--; return; }
            for (var k = ss; k <= se; k++)
            {
                var rs = reader.Decode(ac);
                int r = rs >> 4, s = rs & 15;
                if (s == 0)
                {
                    if (r < 15)
                    {
                        _eobrun = (1 << r) - 1;
                        if (r > 0) _eobrun += reader.GetBits(r);
                        break;
                    }
                    k += 15;
                    continue;
                }
                k += r;
                if (k > 63) Fail("an AC run goes past the end of the block");
                block[zz[k]] = (short)(reader.ReceiveExtend(s) * (1 << al));
            }
            return;
        }
        // G.1.2.3: successive approximation refinement of AC coefficients.
        var p1 = (short)(1 << al);
        var m1 = (short)(-1 << al);
        var kk = ss;
        if (_eobrun == 0)
        {
            for (; kk <= se; kk++)
            {
                var rs = reader.Decode(ac);
                int r = rs >> 4, s = rs & 15;
                short value = 0;
                if (s != 0)
                {
                    if (s != 1) Fail("a refinement scan has a coefficient of magnitude > 1");
                    value = reader.GetBit() != 0 ? p1 : m1;
                }
                else if (r != 15)
                {
                    _eobrun = 1 << r;
                    if (r > 0) _eobrun += reader.GetBits(r);
                    break;
                }
                for (; kk <= se; kk++)
                {
                    var z = zz[kk];
                    if (block[z] != 0)
                    {
                        if (reader.GetBit() != 0 && (block[z] & p1) == 0)
                            block[z] += block[z] >= 0 ? p1 : m1;
                    }
                    else
                    {
                        if (r == 0)
                        {
                            if (value != 0) block[z] = value;
                            break;
                        }
                        r--;
                    }
                }
            }
        }
        if (_eobrun > 0)
        {
            for (; kk <= se; kk++)
            {
                var z = zz[kk];
                if (block[z] != 0 && reader.GetBit() != 0 && (block[z] & p1) == 0)
                    block[z] += block[z] >= 0 ? p1 : m1;
            }
            _eobrun--;
        }
    }

    /// <summary>Dequantizes and inverse-transforms every block of every DCT component into <see cref="JpegComponent.Samples"/>.</summary>
    public void Reconstruct()
    {
        foreach (var c in _components)
        {
            if (c.Coefs is null) continue; // sequential: already reconstructed
            var q = _quant[c.Tq] ?? throw new DicomCodecException("JPEG: a component uses an undefined quantization table");
            var samples = Rent((long)c.Stride * c.BlockRows * 8);
            c.Samples = samples;
            var coefs = c.Coefs!;
            var rowsNeeded = (c.Height + 7) / 8;
            var colsNeeded = (c.Width + 7) / 8;
            for (var by = 0; by < rowsNeeded; by++)
                for (var bx = 0; bx < colsNeeded; bx++)
                {
                    var block = coefs.AsSpan((by * c.BlocksPerLine + bx) * 64, 64);
                    JpegIdct.Inverse(block, q, samples.AsSpan(by * 8 * c.Stride + bx * 8), c.Stride, _precision);
                }
            ArrayPool<short>.Shared.Return(coefs);
            c.Coefs = null;
        }
    }

    /// <summary>A pooled sample buffer; contents are not cleared. Give it back with <see cref="Release"/>.</summary>
    public static ushort[] Rent(long length)
    {
        if (length > int.MaxValue / 2) Fail("the frame is too large");
        return ArrayPool<ushort>.Shared.Rent((int)length);
    }

    /// <summary>Returns the pooled buffers of every component.</summary>
    public void Release()
    {
        foreach (var c in _components)
        {
            if (c is null) continue;
            if (c.Samples is not null) ArrayPool<ushort>.Shared.Return(c.Samples);
            if (c.Coefs is not null) ArrayPool<short>.Shared.Return(c.Coefs);
            c.Samples = null;
            c.Coefs = null;
        }
    }
}
