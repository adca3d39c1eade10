using System.Buffers.Binary;

namespace Hounsfield.Dicom.Codecs.JpegLs;

/// <summary>
/// JPEG-LS Lossless (1.2.840.10008.1.2.4.80) and Near-Lossless (1.2.840.10008.1.2.4.81), ITU-T T.87.
/// Decodes 2–16 bit, 1–4 component code streams in every interleave mode, with custom coding
/// parameters (LSE); restart intervals and mapping tables are not supported. Encodes one
/// component as ILV = 0 and several in the <see cref="Interleave"/> mode chosen at construction,
/// with default parameters and <see cref="DicomCodecParameters.NearLossless"/> as NEAR for the
/// near-lossless syntax (NEAR is 0 for the lossless one).
/// </summary>
/// <param name="interleave">How the encoder interleaves colour components.</param>
public sealed class JpegLsCodec(JpegLsInterleave interleave = JpegLsInterleave.Line) : IDicomCodec
{
    /// <summary>How the encoder interleaves images of more than one component.</summary>
    public JpegLsInterleave Interleave { get; } = interleave;

    /// <summary>JPEG-LS Lossless Image Compression.</summary>
    public static DicomTransferSyntax JpegLsLossless { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.80");

    /// <summary>JPEG-LS Lossy (Near-Lossless) Image Compression.</summary>
    public static DicomTransferSyntax JpegLsNearLossless { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.81");

    /// <inheritdoc />
    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [JpegLsLossless, JpegLsNearLossless];

    /// <inheritdoc />
    public unsafe void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> encoded, FrameInfo info, Span<byte> destination)
    {
        ValidateFrame(info);
        if (destination.Length < info.NativeFrameLength)
            throw new ArgumentException("the destination is shorter than one native frame", nameof(destination));
        fixed (byte* data = encoded)
            DecodeCore(data, encoded.Length, info, destination);
    }

    private static void ValidateFrame(FrameInfo info)
    {
        if (info.BitsAllocated is not (8 or 16))
            throw new DicomCodecException($"JPEG-LS frames have 8 or 16 bits allocated, not {info.BitsAllocated}");
        if (info.BitsStored < 2 || info.BitsStored > info.BitsAllocated)
            throw new DicomCodecException($"JPEG-LS needs 2 to {info.BitsAllocated} bits stored, not {info.BitsStored}");
        if (info.SamplesPerPixel is < 1 or > 4)
            throw new DicomCodecException($"JPEG-LS supports 1 to 4 samples per pixel, not {info.SamplesPerPixel}");
        if (info.Rows < 1 || info.Columns < 1 || info.Rows > 65535 || info.Columns > 65535)
            throw new DicomCodecException($"a {info.Rows}×{info.Columns} frame cannot be coded as JPEG-LS");
    }

    private static unsafe void DecodeCore(byte* data, int length, FrameInfo info, Span<byte> destination)
    {
        if (length < 4 || data[0] != 0xFF || data[1] != 0xD8)
            throw new DicomCodecException("the JPEG-LS stream does not start with SOI");
        var pos = 2;
        int bits = 0, width = 0, height = 0, components = 0;
        Span<int> componentIds = stackalloc int[4];
        int maxVal = 0, t1 = 0, t2 = 0, t3 = 0, reset = 0;
        Span<bool> decoded = stackalloc bool[4];
        Span<int> scanComponents = stackalloc int[4];
        var frameSeen = false;
        while (true)
        {
            // Find the next marker, skipping fill bytes.
            if (pos + 1 >= length || data[pos] != 0xFF)
                throw new DicomCodecException($"expected a JPEG-LS marker at offset {pos}");
            while (pos + 1 < length && data[pos + 1] == 0xFF)
                pos++;
            if (pos + 1 >= length)
                throw new DicomCodecException("the JPEG-LS stream ends inside a marker");
            var marker = data[pos + 1];
            pos += 2;
            if (marker == 0xD9)
                break;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
                continue;
            if (pos + 2 > length)
                throw new DicomCodecException("the JPEG-LS stream ends inside a marker segment");
            var segmentLength = (data[pos] << 8) | data[pos + 1];
            if (segmentLength < 2 || pos + segmentLength > length)
                throw new DicomCodecException($"JPEG-LS marker segment 0xFF{marker:X2} of length {segmentLength} overruns the stream");
            var seg = new ReadOnlySpan<byte>(data + pos + 2, segmentLength - 2);
            var next = pos + segmentLength;
            switch (marker)
            {
                case 0xF7: // SOF55
                    if (frameSeen)
                        throw new DicomCodecException("the JPEG-LS stream has two frame headers");
                    if (seg.Length < 6)
                        throw new DicomCodecException("the JPEG-LS frame header is too short");
                    bits = seg[0];
                    height = (seg[1] << 8) | seg[2];
                    width = (seg[3] << 8) | seg[4];
                    components = seg[5];
                    if (bits is < 2 or > 16)
                        throw new DicomCodecException($"JPEG-LS sample precision {bits} is outside 2–16");
                    if (components is < 1 or > 4 || seg.Length < 6 + 3 * components)
                        throw new DicomCodecException($"the JPEG-LS frame header declares {components} components");
                    if (height == 0)
                        throw new DicomCodecException("JPEG-LS frames with the height in a DNL marker are not supported");
                    if (width != info.Columns || height != info.Rows || components != info.SamplesPerPixel)
                        throw new DicomCodecException($"the JPEG-LS frame is {width}×{height}×{components}; the data set says {info.Columns}×{info.Rows}×{info.SamplesPerPixel}");
                    if (bits > info.BitsAllocated)
                        throw new DicomCodecException($"JPEG-LS precision {bits} does not fit {info.BitsAllocated} bits allocated");
                    for (var i = 0; i < components; i++)
                        componentIds[i] = seg[6 + 3 * i];
                    frameSeen = true;
                    break;
                case 0xC0 or 0xC1 or 0xC2 or 0xC3 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    throw new DicomCodecException($"frame marker 0xFF{marker:X2} is not JPEG-LS");
                case 0xF8: // LSE
                    if (seg.Length < 1)
                        throw new DicomCodecException("empty JPEG-LS LSE segment");
                    if (seg[0] != 1)
                        throw new DicomCodecException($"JPEG-LS LSE type {seg[0]} (mapping tables, oversize images) is not supported");
                    if (seg.Length < 11)
                        throw new DicomCodecException("the JPEG-LS preset parameters segment is too short");
                    maxVal = BinaryPrimitives.ReadUInt16BigEndian(seg[1..]);
                    t1 = BinaryPrimitives.ReadUInt16BigEndian(seg[3..]);
                    t2 = BinaryPrimitives.ReadUInt16BigEndian(seg[5..]);
                    t3 = BinaryPrimitives.ReadUInt16BigEndian(seg[7..]);
                    reset = BinaryPrimitives.ReadUInt16BigEndian(seg[9..]);
                    break;
                case 0xDD: // DRI: a 2- to 4-byte interval (C.2.5); only 0 (no restarts) is supported
                    if (seg.IndexOfAnyExcept((byte)0) >= 0)
                        throw new DicomCodecException("JPEG-LS restart intervals are not supported");
                    break;
                case 0xDA: // SOS
                    if (!frameSeen)
                        throw new DicomCodecException("JPEG-LS scan before the frame header");
                    if (seg.Length < 1)
                        throw new DicomCodecException("the JPEG-LS scan header is too short");
                    var ns = seg[0];
                    if (ns < 1 || ns > components || seg.Length < 4 + 2 * ns)
                        throw new DicomCodecException($"the JPEG-LS scan header declares {ns} components");
                    for (var i = 0; i < ns; i++)
                    {
                        var id = seg[1 + 2 * i];
                        var index = componentIds[..components].IndexOf(id);
                        if (index < 0 || decoded[index])
                            throw new DicomCodecException($"JPEG-LS scan component {id} is unknown or repeated");
                        if (seg[2 + 2 * i] != 0)
                            throw new DicomCodecException("JPEG-LS mapping tables are not supported");
                        scanComponents[i] = index;
                        decoded[index] = true;
                    }
                    var near = seg[1 + 2 * ns];
                    var ilv = seg[2 + 2 * ns];
                    if (seg[3 + 2 * ns] != 0)
                        throw new DicomCodecException("JPEG-LS point transform is not supported");
                    if (ilv > 2 || (ilv == 0 && ns != 1))
                        throw new DicomCodecException($"JPEG-LS interleave mode {ilv} with {ns} components is invalid");
                    var parameters = JpegLsParameters.Create(bits, near, maxVal, t1, t2, t3, reset);
                    if (parameters.MaxVal >= 1 << info.BitsAllocated)
                        throw new DicomCodecException($"JPEG-LS MAXVAL {parameters.MaxVal} does not fit {info.BitsAllocated} bits allocated");
                    next = DecodeScan(data, next, length, parameters, ilv, scanComponents[..ns], info, destination);
                    break;
                default:
                    break; // APPn, COM and others: skipped
            }
            pos = next;
        }
        for (var i = 0; i < info.SamplesPerPixel; i++)
            if (!decoded[i])
                throw new DicomCodecException($"the JPEG-LS stream has no scan for component {i + 1}");
    }

    private static unsafe int DecodeScan(byte* data, int start, int length, JpegLsParameters p, int ilv,
        ReadOnlySpan<int> scanComponents, FrameInfo info, Span<byte> destination)
    {
        var width = info.Columns;
        var height = info.Rows;
        var ns = scanComponents.Length;
        var decoder = new JpegLsScanDecoder(data, start, length, p, p.BuildQuantizationTable());
        var prev = new int[ns][];
        var cur = new int[ns][];
        for (var c = 0; c < ns; c++)
        {
            prev[c] = new int[width + 2];
            cur[c] = new int[width + 2];
        }
        Span<int> runIndex = stackalloc int[4];
        var writer = new SampleWriter(info, destination);
        for (var y = 0; y < height; y++)
        {
            if (ilv == 2)
            {
                decoder.DecodeLineInterleaved(prev, cur, ns, width, ref runIndex[0]);
            }
            else
            {
                for (var c = 0; c < ns; c++)
                    decoder.DecodeLine(prev[c], cur[c], width, ref runIndex[c]);
            }
            for (var c = 0; c < ns; c++)
            {
                writer.WriteLine(y, scanComponents[c], cur[c]);
                (prev[c], cur[c]) = (cur[c], prev[c]);
            }
        }
        decoder.CheckNotTruncated();
        // The scan ends at the next marker: 0xFF followed by a byte with its high bit set.
        var pos = Math.Max(start, decoder.Position - 1);
        while (pos + 1 < length && !(data[pos] == 0xFF && data[pos + 1] >= 0x80))
            pos++;
        if (pos + 1 >= length)
            throw new DicomCodecException("the JPEG-LS stream ends without EOI");
        return pos;
    }

    /// <summary>Writes decoded lines into the native frame layout.</summary>
    private readonly ref struct SampleWriter(FrameInfo info, Span<byte> destination)
    {
        private readonly Span<byte> _dst = destination;
        private readonly int _width = info.Columns;
        private readonly int _height = info.Rows;
        private readonly int _samples = info.SamplesPerPixel;
        private readonly bool _planar = info.PlanarConfiguration == 1;
        private readonly bool _wide = info.BitsAllocated == 16;
        private readonly int _shift = info.IsSigned ? 32 - info.BitsStored : 0;

        public void WriteLine(int y, int component, int[] line)
        {
            int start, step;
            if (_planar || _samples == 1)
            {
                start = (component * _height + y) * _width;
                step = 1;
            }
            else
            {
                start = y * _width * _samples + component;
                step = _samples;
            }
            var shift = _shift;
            if (_wide)
            {
                var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(_dst);
                for (int x = 0, i = start; x < _width; x++, i += step)
                    dst[i] = (ushort)((line[x + 1] << shift) >> shift);
            }
            else
            {
                for (int x = 0, i = start; x < _width; x++, i += step)
                    _dst[i] = (byte)((line[x + 1] << shift) >> shift);
            }
        }
    }

    /// <inheritdoc />
    public byte[] Encode(DicomTransferSyntax syntax, ReadOnlySpan<byte> native, FrameInfo info, DicomCodecParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        ValidateFrame(info);
        if (native.Length < info.NativeFrameLength)
            throw new ArgumentException("the native frame is shorter than the image geometry requires", nameof(native));
        var near = syntax == JpegLsNearLossless ? parameters?.NearLossless ?? 0 : 0;
        var bits = info.BitsStored;
        var p = JpegLsParameters.Create(bits, near, 0, 0, 0, 0, 0);
        var quant = p.BuildQuantizationTable();
        var components = info.SamplesPerPixel;
        var width = info.Columns;
        var height = info.Rows;
        var ilv = components == 1 ? 0 : (int)Interleave;

        var buffer = new byte[Math.Max(1024, info.NativeFrameLength / 2 + 256)];
        var pos = 0;
        buffer[pos++] = 0xFF;
        buffer[pos++] = 0xD8;
        buffer[pos++] = 0xFF;
        buffer[pos++] = 0xF7;
        var lf = 8 + 3 * components;
        buffer[pos++] = (byte)(lf >> 8);
        buffer[pos++] = (byte)lf;
        buffer[pos++] = (byte)bits;
        buffer[pos++] = (byte)(height >> 8);
        buffer[pos++] = (byte)height;
        buffer[pos++] = (byte)(width >> 8);
        buffer[pos++] = (byte)width;
        buffer[pos++] = (byte)components;
        for (var c = 0; c < components; c++)
        {
            buffer[pos++] = (byte)(c + 1);
            buffer[pos++] = 0x11;
            buffer[pos++] = 0;
        }

        var reader = new SampleReader(info, native);
        var scans = ilv == 0 ? components : 1;
        var perScan = ilv == 0 ? 1 : components;
        var prev = new int[perScan][];
        var cur = new int[perScan][];
        Span<int> runIndex = stackalloc int[4];
        for (var scan = 0; scan < scans; scan++)
        {
            if (pos + 32 > buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            buffer[pos++] = 0xFF;
            buffer[pos++] = 0xDA;
            var ls = 6 + 2 * perScan;
            buffer[pos++] = (byte)(ls >> 8);
            buffer[pos++] = (byte)ls;
            buffer[pos++] = (byte)perScan;
            for (var c = 0; c < perScan; c++)
            {
                buffer[pos++] = (byte)(scan + c + 1);
                buffer[pos++] = 0;
            }
            buffer[pos++] = (byte)near;
            buffer[pos++] = (byte)ilv;
            buffer[pos++] = 0;

            var encoder = new JpegLsScanEncoder(buffer, pos, p, quant);
            for (var c = 0; c < perScan; c++)
            {
                prev[c] = new int[width + 2];
                cur[c] = new int[width + 2];
            }
            runIndex.Clear();
            for (var y = 0; y < height; y++)
            {
                if (ilv == 2)
                {
                    for (var c = 0; c < perScan; c++)
                        reader.ReadLine(y, c, cur[c]);
                    encoder.EncodeLineInterleaved(prev, cur, perScan, width, ref runIndex[0]);
                    for (var c = 0; c < perScan; c++)
                        (prev[c], cur[c]) = (cur[c], prev[c]);
                    continue;
                }
                for (var c = 0; c < perScan; c++)
                {
                    reader.ReadLine(y, scan + c, cur[c]);
                    encoder.EncodeLine(prev[c], cur[c], width, ref runIndex[c]);
                    (prev[c], cur[c]) = (cur[c], prev[c]);
                }
            }
            encoder.Flush();
            buffer = encoder.Buffer;
            pos = encoder.Position;
        }
        if (pos + 2 > buffer.Length)
            Array.Resize(ref buffer, buffer.Length + 2);
        buffer[pos++] = 0xFF;
        buffer[pos++] = 0xD9;
        return buffer.AsSpan(0, pos).ToArray();
    }

    /// <summary>Reads lines of one component from the native frame, masked to Bits Stored.</summary>
    private readonly ref struct SampleReader(FrameInfo info, ReadOnlySpan<byte> native)
    {
        private readonly ReadOnlySpan<byte> _src = native;
        private readonly int _width = info.Columns;
        private readonly int _height = info.Rows;
        private readonly int _samples = info.SamplesPerPixel;
        private readonly bool _planar = info.PlanarConfiguration == 1;
        private readonly bool _wide = info.BitsAllocated == 16;
        private readonly int _mask = (1 << info.BitsStored) - 1;

        public void ReadLine(int y, int component, int[] line)
        {
            int start, step;
            if (_planar || _samples == 1)
            {
                start = (component * _height + y) * _width;
                step = 1;
            }
            else
            {
                start = y * _width * _samples + component;
                step = _samples;
            }
            var mask = _mask;
            if (_wide)
            {
                var src = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(_src);
                for (int x = 0, i = start; x < _width; x++, i += step)
                    line[x + 1] = src[i] & mask;
            }
            else
            {
                for (int x = 0, i = start; x < _width; x++, i += step)
                    line[x + 1] = _src[i] & mask;
            }
        }
    }
}

/// <summary>JPEG-LS interleave modes for images of several components (T.87 ILV).</summary>
public enum JpegLsInterleave
{
    /// <summary>One scan per component (ILV = 0).</summary>
    None = 0,

    /// <summary>One line of each component in turn (ILV = 1).</summary>
    Line = 1,

    /// <summary>All components of each pixel in turn (ILV = 2).</summary>
    Sample = 2,
}
