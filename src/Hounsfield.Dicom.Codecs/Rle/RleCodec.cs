using System.Buffers.Binary;

namespace Hounsfield.Dicom.Codecs.Rle;

/// <summary>
/// RLE Lossless (1.2.840.10008.1.2.5, PS3.5 Annex G): one frame is a 64-byte header of up to 15
/// segment offsets followed by the segments, each a PackBits-coded byte plane (most significant
/// byte of each sample first, colour samples one plane after another). Supports 8, 16 and 32 bits
/// allocated with any number of samples that fits 15 segments.
/// </summary>
public sealed class RleCodec : IDicomCodec
{
    /// <summary>The RLE Lossless transfer syntax.</summary>
    public static DicomTransferSyntax RleLossless { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.5");

    private const int HeaderLength = 64;
    private const int MaxSegments = 15;

    /// <inheritdoc />
    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [RleLossless];

    /// <inheritdoc />
    public void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> encoded, FrameInfo info, Span<byte> destination)
    {
        var (bytesPerSample, segments, pixels) = Validate(info);
        if (destination.Length < info.NativeFrameLength)
            throw new ArgumentException("the destination is shorter than one native frame", nameof(destination));
        if (encoded.Length < HeaderLength)
            throw new DicomCodecException($"RLE frame of {encoded.Length} bytes is shorter than its 64-byte header");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(encoded);
        if (count > MaxSegments)
            throw new DicomCodecException($"RLE header declares {count} segments; at most 15 are allowed");
        if (count != segments)
            throw new DicomCodecException($"RLE header declares {count} segments; the image needs {segments}");

        Span<int> offsets = stackalloc int[MaxSegments + 1];
        for (var i = 0; i < segments; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(encoded[(4 + 4 * i)..]);
            if (offset < HeaderLength || offset > (uint)encoded.Length)
                throw new DicomCodecException($"RLE segment {i + 1} offset {offset} lies outside the {encoded.Length}-byte frame");
            if (i > 0 && offset < offsets[i - 1])
                throw new DicomCodecException($"RLE segment {i + 1} offset {offset} precedes the previous segment");
            offsets[i] = (int)offset;
        }
        offsets[segments] = encoded.Length;

        var samples = info.SamplesPerPixel;
        var planar = info.PlanarConfiguration == 1;
        for (var seg = 0; seg < segments; seg++)
        {
            var sample = seg / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - seg % bytesPerSample; // segments run MSB first; native is little endian
            int start, stride;
            if (planar)
            {
                start = sample * pixels * bytesPerSample + byteInSample;
                stride = bytesPerSample;
            }
            else
            {
                start = sample * bytesPerSample + byteInSample;
                stride = samples * bytesPerSample;
            }
            DecodeSegment(encoded[offsets[seg]..offsets[seg + 1]], destination, start, stride, pixels, seg + 1);
        }
    }

    private static void DecodeSegment(ReadOnlySpan<byte> src, Span<byte> dst, int start, int stride, int count, int number)
    {
        var s = 0;
        var produced = 0;
        var d = start;
        if (stride == 1)
        {
            var output = dst.Slice(start, count);
            while (produced < count)
            {
                if (s >= src.Length)
                    throw Truncated(number, produced, count);
                int n = (sbyte)src[s++];
                if (n >= 0)
                {
                    var len = n + 1;
                    if (s + len > src.Length)
                        throw Truncated(number, produced, count);
                    len = Math.Min(len, count - produced);
                    src.Slice(s, len).CopyTo(output[produced..]);
                    s += n + 1;
                    produced += len;
                }
                else if (n != -128)
                {
                    if (s >= src.Length)
                        throw Truncated(number, produced, count);
                    var len = Math.Min(1 - n, count - produced);
                    output.Slice(produced, len).Fill(src[s++]);
                    produced += len;
                }
            }
            return;
        }

        while (produced < count)
        {
            if (s >= src.Length)
                throw Truncated(number, produced, count);
            int n = (sbyte)src[s++];
            if (n >= 0)
            {
                var len = n + 1;
                if (s + len > src.Length)
                    throw Truncated(number, produced, count);
                var end = Math.Min(s + len, s + count - produced);
                for (var i = s; i < end; i++, d += stride)
                    dst[d] = src[i];
                produced += end - s;
                s += len;
            }
            else if (n != -128)
            {
                if (s >= src.Length)
                    throw Truncated(number, produced, count);
                var value = src[s++];
                var len = Math.Min(1 - n, count - produced);
                for (var i = 0; i < len; i++, d += stride)
                    dst[d] = value;
                produced += len;
            }
        }
    }

    private static DicomCodecException Truncated(int segment, int produced, int count) =>
        new($"RLE segment {segment} ends after {produced} of {count} bytes");

    /// <inheritdoc />
    public byte[] Encode(DicomTransferSyntax syntax, ReadOnlySpan<byte> native, FrameInfo info, DicomCodecParameters? parameters = null)
    {
        var (bytesPerSample, segments, pixels) = Validate(info);
        if (native.Length < info.NativeFrameLength)
            throw new ArgumentException("the native frame is shorter than the image geometry requires", nameof(native));
        var columns = info.Columns;
        // Worst case per row: one header byte per 128 literal bytes; plus one pad byte per segment.
        var rowBound = columns + (columns + 127) / 128;
        var output = new byte[HeaderLength + segments * ((long)rowBound * info.Rows + 1)];
        var row = new byte[columns];
        var header = output.AsSpan(0, HeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)segments);
        var pos = HeaderLength;
        var samples = info.SamplesPerPixel;
        var planar = info.PlanarConfiguration == 1;
        for (var seg = 0; seg < segments; seg++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(4 + 4 * seg)..], (uint)pos);
            var sample = seg / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - seg % bytesPerSample;
            int start, stride;
            if (planar)
            {
                start = sample * pixels * bytesPerSample + byteInSample;
                stride = bytesPerSample;
            }
            else
            {
                start = sample * bytesPerSample + byteInSample;
                stride = samples * bytesPerSample;
            }
            for (var r = 0; r < info.Rows; r++)
            {
                var s = start + r * columns * stride;
                ReadOnlySpan<byte> line;
                if (stride == 1)
                    line = native.Slice(s, columns);
                else
                {
                    for (var c = 0; c < columns; c++, s += stride)
                        row[c] = native[s];
                    line = row;
                }
                pos = PackBits(line, output, pos);
            }
            if ((pos & 1) != 0)
                output[pos++] = 0; // segments are even in length (G.5)
        }
        return output.AsSpan(0, pos).ToArray();
    }

    /// <summary>PackBits one row (G.3.1): replicate runs of 2–128, literal runs of 1–128, never across rows.</summary>
    private static int PackBits(ReadOnlySpan<byte> src, byte[] dst, int pos)
    {
        var i = 0;
        var n = src.Length;
        var literalStart = 0;
        while (i < n)
        {
            var value = src[i];
            var run = 1;
            while (i + run < n && run < 128 && src[i + run] == value)
                run++;
            // A run of two inside a literal is cheaper kept in the literal.
            if (run >= 3 || (run == 2 && literalStart == i))
            {
                pos = FlushLiteral(src, literalStart, i, dst, pos);
                dst[pos++] = (byte)(1 - run);
                dst[pos++] = value;
                i += run;
                literalStart = i;
            }
            else
            {
                i += run;
            }
        }
        return FlushLiteral(src, literalStart, n, dst, pos);
    }

    private static int FlushLiteral(ReadOnlySpan<byte> src, int from, int to, byte[] dst, int pos)
    {
        while (from < to)
        {
            var len = Math.Min(128, to - from);
            dst[pos++] = (byte)(len - 1);
            src.Slice(from, len).CopyTo(dst.AsSpan(pos));
            pos += len;
            from += len;
        }
        return pos;
    }

    private static (int BytesPerSample, int Segments, int Pixels) Validate(FrameInfo info)
    {
        if (info.BitsAllocated is not (8 or 16 or 32))
            throw new DicomCodecException($"RLE supports 8, 16 or 32 bits allocated, not {info.BitsAllocated}");
        var bytesPerSample = info.BitsAllocated / 8;
        if (info.SamplesPerPixel < 1 || info.Rows < 1 || info.Columns < 1)
            throw new DicomCodecException("RLE needs at least one row, column and sample");
        var segments = info.SamplesPerPixel * bytesPerSample;
        if (segments > MaxSegments)
            throw new DicomCodecException($"{info.SamplesPerPixel} samples of {info.BitsAllocated} bits need {segments} RLE segments; at most 15 are allowed");
        var pixels = (long)info.Rows * info.Columns;
        if (pixels > int.MaxValue / MaxSegments)
            throw new DicomCodecException($"a {info.Rows}×{info.Columns} frame is too large for RLE");
        return (bytesPerSample, segments, (int)pixels);
    }
}
