using System.Buffers.Binary;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// The Value Field of encapsulated pixel data as PS3.5 A.4 lays it out: the Basic Offset Table
/// item, one item per fragment, then the Sequence Delimitation Item. DICOM JSON and XML carry
/// this whole Value Field when they inline (or reference) encapsulated pixel data, since
/// InlineBinary is "the base64 encoding of the Value Field" (PS3.18 F.2.7, PS3.19 A.1.5).
/// </summary>
internal static class EncapsulatedValueField
{
    private const int HeaderSize = 8;

    public delegate void ChunkSink(byte[] buffer, int count);

    /// <summary>The number of bytes <see cref="Write"/> produces.</summary>
    public static long Length(DicomFragments fragments)
    {
        long total = HeaderSize + fragments.BasicOffsetTable.Count * 4L + HeaderSize;
        foreach (var fragment in fragments) total += HeaderSize + fragment.Length + (fragment.Length & 1);
        return total;
    }

    /// <summary>The sum of the fragment lengths (the size the bulk data threshold is compared with).</summary>
    public static long FragmentBytes(DicomFragments fragments)
    {
        long total = 0;
        foreach (var fragment in fragments) total += fragment.Length;
        return total;
    }

    /// <summary>Produces the Value Field in chunks of at most <paramref name="buffer"/>.Length bytes, never holding it whole.</summary>
    public static void Write(DicomFragments fragments, byte[] buffer, ChunkSink sink)
    {
        var output = new ChunkedOutput(buffer, sink);
        Span<byte> header = stackalloc byte[HeaderSize];
        ItemHeader(header, 0xE000, (uint)(fragments.BasicOffsetTable.Count * 4));
        output.Put(header);
        Span<byte> offset = stackalloc byte[4];
        foreach (var entry in fragments.BasicOffsetTable)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(offset, entry);
            output.Put(offset);
        }
        foreach (var fragment in fragments)
        {
            var length = fragment.Length;
            ItemHeader(header, 0xE000, (uint)(length + (length & 1)));
            output.Put(header);
            if (fragment.Bulk is { } bulk) output.Put(bulk);
            else output.Put(fragment.GetBytes().Span);
            if ((length & 1) == 1) output.Put([0]);
        }
        ItemHeader(header, 0xE0DD, 0);
        output.Put(header);
        output.Flush();
    }

    /// <summary>Parses an in-memory Value Field; false when the bytes are not exactly one well-formed item sequence.</summary>
    public static bool TryParse(byte[] bytes, out DicomFragments? fragments)
    {
        fragments = null;
        if (!IsItem(bytes, 0, out var botLength) || HeaderSize + botLength > bytes.Length) return false;
        var result = new DicomFragments(DicomFragments.ParseOffsetTable(bytes.AsSpan(HeaderSize, (int)botLength)));
        long position = HeaderSize + botLength;
        while (position + HeaderSize <= bytes.Length)
        {
            var span = bytes.AsSpan((int)position, HeaderSize);
            if (IsDelimiter(span))
            {
                if (position + HeaderSize != bytes.Length) return false;
                fragments = result;
                return true;
            }
            if (!IsItem(span, out var length) || position + HeaderSize + length > bytes.Length) return false;
            result.Add(new DicomFragment(bytes.AsMemory((int)position + HeaderSize, (int)length)));
            position += HeaderSize + length;
        }
        return false;
    }

    /// <summary>
    /// Parses a Value Field left in a source by reading only the item headers; the fragments stay
    /// in the source. False when it is not exactly one well-formed item sequence.
    /// </summary>
    public static bool TryParse(DicomBulkData bulk, out DicomFragments? fragments)
    {
        fragments = null;
        if (bulk.SwapUnit != 1 || bulk.Length < 2 * HeaderSize) return false;
        Span<byte> header = stackalloc byte[HeaderSize];
        try
        {
            bulk.Read(0, header);
            if (!IsItem(header, out var botLength) || HeaderSize + botLength > bulk.Length || botLength > 1 << 26) return false;
            var table = new byte[botLength];
            bulk.Read(HeaderSize, table);
            var result = new DicomFragments(DicomFragments.ParseOffsetTable(table));
            var position = HeaderSize + botLength;
            while (position + HeaderSize <= bulk.Length)
            {
                bulk.Read(position, header);
                if (IsDelimiter(header))
                {
                    if (position + HeaderSize != bulk.Length) return false;
                    fragments = result;
                    return true;
                }
                if (!IsItem(header, out var length) || position + HeaderSize + length > bulk.Length) return false;
                result.Add(new DicomFragment(new DicomBulkData(bulk.Source, bulk.Offset + position + HeaderSize, length)));
                position += HeaderSize + length;
            }
            return false;
        }
        catch (Exception e) when (e is DicomFormatException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Where the whole Value Field lies in the source the fragments were read from, when they were
    /// all left there contiguously (as the Part 10 reader does); the item headers at both ends are checked.
    /// </summary>
    public static bool TryLocateInSource(DicomFragments fragments, out DicomBulkDataSource? source, out long offset, out long length)
    {
        source = null;
        offset = length = 0;
        if (fragments.Count == 0 || fragments[0].Bulk is not { SwapUnit: 1 } first) return false;
        var botLength = fragments.BasicOffsetTable.Count * 4L;
        var start = first.Offset - HeaderSize - botLength - HeaderSize;
        if (start < 0) return false;
        var expected = first.Offset;
        foreach (var fragment in fragments)
        {
            if (fragment.Bulk is not { SwapUnit: 1 } bulk || !ReferenceEquals(bulk.Source, first.Source) || bulk.Offset != expected) return false;
            expected = bulk.Offset + bulk.Length + HeaderSize;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        try
        {
            first.Source.ReadExactly(start, header);
            if (!IsItem(header, out var storedBotLength) || storedBotLength != botLength) return false;
            first.Source.ReadExactly(expected - HeaderSize, header);
            if (!IsDelimiter(header)) return false;
        }
        catch (Exception e) when (e is DicomFormatException or IOException or InvalidOperationException)
        {
            return false;
        }
        source = first.Source;
        offset = start;
        length = expected - start;
        return true;
    }

    private static bool IsItem(ReadOnlySpan<byte> bytes, int at, out long length) => IsItem(bytes.Slice(at, Math.Min(HeaderSize, bytes.Length - at)), out length);

    private static bool IsItem(ReadOnlySpan<byte> header, out long length)
    {
        length = 0;
        if (header.Length < HeaderSize || BinaryPrimitives.ReadUInt16LittleEndian(header) != 0xFFFE || BinaryPrimitives.ReadUInt16LittleEndian(header[2..]) != 0xE000) return false;
        length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        return length != 0xFFFFFFFF;
    }

    private static bool IsDelimiter(ReadOnlySpan<byte> header) =>
        BinaryPrimitives.ReadUInt16LittleEndian(header) == 0xFFFE && BinaryPrimitives.ReadUInt16LittleEndian(header[2..]) == 0xE0DD
        && BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == 0;

    private static void ItemHeader(Span<byte> header, ushort element, uint length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
    }

    private sealed class ChunkedOutput(byte[] buffer, ChunkSink sink)
    {
        private int _used;

        public void Put(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                var n = Math.Min(buffer.Length - _used, data.Length);
                data[..n].CopyTo(buffer.AsSpan(_used));
                _used += n;
                data = data[n..];
                if (_used == buffer.Length) Flush();
            }
        }

        public void Put(DicomBulkData bulk)
        {
            for (long done = 0; done < bulk.Length;)
            {
                var n = (int)Math.Min(buffer.Length - _used, bulk.Length - done);
                bulk.Read(done, buffer.AsSpan(_used, n));
                _used += n;
                done += n;
                if (_used == buffer.Length) Flush();
            }
        }

        public void Flush()
        {
            if (_used == 0) return;
            sink(buffer, _used);
            _used = 0;
        }
    }
}
