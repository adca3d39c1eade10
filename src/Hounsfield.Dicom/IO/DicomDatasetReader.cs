using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// Parses a data set from a <see cref="DicomInput"/> (PS3.5 §7): element headers in any of the
/// uncompressed encodings, sequences and items of defined or undefined length, encapsulated pixel
/// data, and bulk values left in a seekable source. Tolerant of common real-world breakage, strict
/// about anything that would make it guess lengths: every length is checked against what the
/// source holds before memory is allocated.
/// </summary>
internal sealed class DicomDatasetReader
{
    private const uint Undefined = 0xFFFFFFFF;
    private const int UnknownPixelRepresentation = -1;
    private readonly DicomInput _in;
    private readonly DicomReadOptions _options;
    private readonly DicomBulkDataSource? _bulkSource;
    private readonly ValueArena _arena = new();
    private readonly ParseStack _stack = new();

    // warnings: those gathered before this reader started (by the reader of the meta information), or null.
    public DicomDatasetReader(DicomInput input, DicomReadOptions options, DicomBulkDataSource? bulkSource, List<string>? warnings = null)
    {
        _in = input;
        _options = options;
        _bulkSource = input.CanSeek ? bulkSource : null;
        Warnings = warnings;
    }

    /// <summary>What was tolerated so far; null until the first warning, so a clean parse allocates no list.</summary>
    public List<string>? Warnings { get; private set; }

    /// <summary>Records a warning about the file as a whole (not subject to the per-parse cap).</summary>
    public void Note(string warning) => (Warnings ??= []).Add(warning);

    /// <summary>Reads top-level elements until the end of the stream (or the stop tag).</summary>
    public DicomDataset ReadDataset(Syntax syntax)
    {
        _stack.Rent();
        try
        {
            var dataset = ReadItem(syntax, end: -1, untilDelimiter: false, depth: 0, parentPixelRepresentation: UnknownPixelRepresentation);
            _arena.Seal(dataset);
            return dataset;
        }
        finally
        {
            _stack.Return();
            _arena.Release();
        }
    }

    /// <summary>Reads top-level elements while their group is <paramref name="group"/> (the file meta information).</summary>
    public DicomDataset ReadGroup(Syntax syntax, ushort group)
    {
        _stack.Rent();
        var list = new EntryList(_stack);
        try
        {
            while (_in.TryEnsure(4) && ReadTag(_in.Peek(4), syntax) >> 16 == group)
            {
                // A stream may deliver the header in pieces: have all of it before decoding it.
                if (!_in.TryEnsure(8)) throw Truncated("an element header", null);
                ReadElement(ref list, syntax, depth: 0, pixelRepresentation: 0);
            }
            var meta = list.ToDataset();
            _arena.Seal(meta);
            return meta;
        }
        finally
        {
            _stack.Return();
            _arena.Release();
        }
    }

    private DicomDataset ReadItem(Syntax syntax, long end, bool untilDelimiter, int depth, int parentPixelRepresentation)
    {
        var list = new EntryList(_stack);
        var pixelRepresentation = parentPixelRepresentation;
        while (end < 0 || _in.Position < end)
        {
            if (!_in.TryEnsure(8))
            {
                if (end < 0 && !untilDelimiter && IsPaddingToEnd()) break;
                throw Truncated("an element header", null);
            }
            var tag = ReadTag(_in.Peek(4), syntax);
            if (tag == DicomTag.ItemDelimitationItem.Value)
            {
                _in.Advance(8);
                if (!untilDelimiter) Warn($"item delimitation item in a defined-length item at offset {_in.Position - 8}");
                return list.ToDataset();
            }
            if (tag == DicomTag.SequenceDelimitationItem.Value && depth == 0)
            {
                // A stray sequence delimiter between top-level elements ends nothing; kept, it would be
                // written back as an element that no reader accepts.
                Warn($"stray sequence delimitation item at offset {_in.Position} ignored");
                _in.Advance(8);
                continue;
            }
            if (depth == 0 && !untilDelimiter && end < 0 && IsTrailingGarbage(tag, list.LastTag, _in.Peek(8))) break;
            if (depth == 0 && _options.StopAtTag is { } stop && tag >= stop.Value) break;
            ReadElement(ref list, syntax, depth, pixelRepresentation);
            if (tag == DicomTag.PixelRepresentation.Value) pixelRepresentation = PixelRepresentationOf(list[list.Count - 1]);
        }
        if (end >= 0 && _in.Position > end) throw new DicomFormatException($"an element runs past the end of its item (item ends at {end})", _in.Position);
        if (untilDelimiter && end < 0 && depth > 0) throw Truncated("an item delimitation item", null);
        return list.ToDataset();
    }

    private void ReadElement(ref EntryList list, Syntax syntax, int depth, int pixelRepresentation)
    {
        var start = _in.Position;
        if (!_in.TryEnsure(8)) throw Truncated("an element header", null);
        var header = _in.Peek(8);
        var tag = ReadTag(header, syntax);
        DicomVR vr;
        uint length;
        if (syntax.Explicit && tag >> 16 != 0xFFFE)
        {
            vr = DicomVRExtensions.FromBytes(header[4], header[5]);
            if (vr == DicomVR.None)
            {
                // Not a VR: this element was written implicitly inside an explicit stream.
                Warn($"{new DicomTag(tag)} at offset {start} has no VR; read as implicit VR");
                vr = ImplicitVR(tag, ref list, pixelRepresentation);
                length = ReadUInt32(header[4..], syntax);
                _in.Advance(8);
            }
            else
            {
                // Kept as written: the bytes were encoded for this VR, whatever the dictionary says.
                if (ContradictsDictionary(tag, vr))
                    Warn($"{new DicomTag(tag)} at offset {start} is written as {vr}, which the dictionary does not allow ({string.Join('/', DicomDictionary.Lookup(new DicomTag(tag))!.ValueRepresentations)}); kept as {vr}");
                if (vr.HasLongExplicitLength())
                {
                    if (!_in.TryEnsure(12)) throw Truncated("an element header", tag);
                    length = ReadUInt32(_in.Peek(12)[8..], syntax);
                    _in.Advance(12);
                }
                else
                {
                    length = syntax.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(header[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
                    _in.Advance(8);
                }
            }
        }
        else
        {
            length = ReadUInt32(header[4..], syntax);
            vr = ImplicitVR(tag, ref list, pixelRepresentation);
            _in.Advance(8);
        }
        list.Add(ReadValue(tag, vr, length, syntax, depth, pixelRepresentation, start));
    }

    private DicomEntry ReadValue(uint tag, DicomVR vr, uint length, Syntax syntax, int depth, int pixelRepresentation, long start)
    {
        if (length == Undefined)
        {
            if (tag == DicomTag.PixelData.Value && vr != DicomVR.SQ)
                return DicomEntry.Of(tag, DicomVR.OB, DicomValueKind.Fragments, ReadFragments(tag));
            if (vr is DicomVR.SQ or DicomVR.UN || !syntax.Explicit)
            {
                // UN of undefined length holds implicit VR little endian items (PS3.5 §6.2.2).
                var itemSyntax = vr == DicomVR.SQ ? syntax : Syntax.ImplicitLittle;
                if (vr != DicomVR.SQ)
                    Warn($"{new DicomTag(tag)} at offset {start} is {(syntax.Explicit ? "UN" : "implicit")} with undefined length; read as a sequence of implicit VR little endian items");
                return DicomEntry.Of(tag, DicomVR.SQ, DicomValueKind.Sequence, ReadSequence(tag, -1, itemSyntax, depth, pixelRepresentation));
            }
            throw new DicomFormatException($"undefined length is not allowed for VR {vr}", start, new DicomTag(tag));
        }
        CheckLength(length, tag);
        if ((length & 1) == 1 && vr != DicomVR.SQ)
            Warn($"{new DicomTag(tag)} at offset {start} has an odd value length ({length})");
        if (vr == DicomVR.SQ)
            return DicomEntry.Of(tag, vr, DicomValueKind.Sequence, ReadSequence(tag, length, syntax, depth, pixelRepresentation));
        if (vr == DicomVR.UN && !syntax.BigEndian && DicomDictionary.Lookup(new DicomTag(tag)) is { VR: DicomVR.SQ })
            return DicomEntry.Of(tag, DicomVR.SQ, DicomValueKind.Sequence, ReadSequence(tag, length, Syntax.ImplicitLittle, depth, pixelRepresentation));
        var swap = syntax.BigEndian ? vr.SwapUnit() : 1;
        if (_bulkSource is not null && length > _options.BulkDataThreshold && (vr.IsBulkCapable() || tag == DicomTag.PixelData.Value))
        {
            var bulk = new DicomBulkData(_bulkSource, _in.Position, length, swap);
            _in.Skip(length);
            return DicomEntry.Of(tag, vr, DicomValueKind.Bulk, bulk);
        }
        var (block, offset) = length <= 1 << 20 ? _arena.Allocate((int)length) : (ReadLarge(tag, length), -1);
        if (offset < 0) return Swapped(DicomEntry.Inline(tag, vr, block, 0, block.Length), swap);
        if (!_in.TryRead(block.AsSpan(offset, (int)length))) throw Truncated($"the {length}-byte value", tag);
        return Swapped(DicomEntry.Inline(tag, vr, block, offset, (int)length), swap);
    }

    private static DicomEntry Swapped(DicomEntry entry, int swap)
    {
        if (swap > 1) ByteSwap.InPlace(((byte[])entry.Payload!).AsSpan(entry.Offset, entry.Length), swap);
        return entry;
    }

    private DicomSequence ReadSequence(uint tag, long length, Syntax syntax, int depth, int pixelRepresentation)
    {
        if (depth + 1 > _options.MaxSequenceDepth)
            throw new DicomFormatException($"sequences nest deeper than {_options.MaxSequenceDepth}", _in.Position, new DicomTag(tag));
        var items = _stack.ItemTop;
        var end = length < 0 ? -1 : _in.Position + length;
        while (end < 0 || _in.Position < end)
        {
            if (!_in.TryEnsure(8)) throw Truncated("an item header", tag);
            var header = _in.Peek(8);
            var itemTag = ReadTag(header, syntax);
            var itemLength = ReadUInt32(header[4..], syntax);
            var at = _in.Position;
            _in.Advance(8);
            if (itemTag == DicomTag.SequenceDelimitationItem.Value)
            {
                if (end >= 0) Warn($"sequence delimitation item in the defined-length sequence {new DicomTag(tag)}");
                return _stack.PopSequence(items);
            }
            if (itemTag != DicomTag.Item.Value)
                throw new DicomFormatException($"expected an item in sequence {new DicomTag(tag)}, found {new DicomTag(itemTag)}", at, new DicomTag(tag));
            if (itemLength != Undefined) CheckLength(itemLength, tag);
            var itemEnd = itemLength == Undefined ? -1 : _in.Position + itemLength;
            var item = ReadItem(syntax, itemEnd, itemLength == Undefined, depth + 1, pixelRepresentation);
            item.SourceOffset = at;
            _stack.PushItem(item);
        }
        if (_in.Position > end) throw new DicomFormatException($"an item runs past the end of sequence {new DicomTag(tag)}", _in.Position, new DicomTag(tag));
        return _stack.PopSequence(items);
    }

    private DicomFragments ReadFragments(uint tag)
    {
        uint[]? offsetTable = null;
        var fragments = _bulkSource is null ? new DicomFragments() : null;
        // With a source to read them back from, fragments are only remembered by position.
        var headers = _bulkSource is null ? [] : ArrayPool<long>.Shared.Rent(64);
        var count = 0;
        try
        {
            while (true)
            {
                if (!_in.TryEnsure(8)) throw Truncated("a fragment header", tag);
                var header = _in.Peek(8);
                var itemTag = ReadTag(header, Syntax.ExplicitLittle);
                var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                var at = _in.Position;
                _in.Advance(8);
                if (itemTag == DicomTag.SequenceDelimitationItem.Value)
                {
                    if (fragments is not null)
                    {
                        if (offsetTable is not null) fragments.BasicOffsetTable = offsetTable;
                        return fragments;
                    }
                    var exact = new long[count + 1];
                    headers.AsSpan(0, count).CopyTo(exact);
                    exact[count] = at;
                    return new DicomFragments(new SourceFragmentList(_bulkSource!, exact), offsetTable ?? []);
                }
                if (itemTag != DicomTag.Item.Value)
                    throw new DicomFormatException($"expected a fragment item, found {new DicomTag(itemTag)}", at, new DicomTag(tag));
                if (length == Undefined) throw new DicomFormatException("a fragment has undefined length", at, new DicomTag(tag));
                CheckLength(length, tag);
                if (offsetTable is null)
                {
                    offsetTable = ReadOffsetTable(tag, length);
                }
                else if (fragments is null)
                {
                    if (count == headers.Length)
                    {
                        var bigger = ArrayPool<long>.Shared.Rent(count * 2);
                        headers.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<long>.Shared.Return(headers);
                        headers = bigger;
                    }
                    headers[count++] = at;
                    _in.Skip(length);
                }
                else
                {
                    fragments.Add(new DicomFragment(ReadLarge(tag, length)));
                }
            }
        }
        finally
        {
            if (headers.Length > 0) ArrayPool<long>.Shared.Return(headers);
        }
    }

    // The Basic Offset Table: little-endian 32-bit offsets, read straight into the table.
    private uint[] ReadOffsetTable(uint tag, uint length)
    {
        if (length == 0) return [];
        if (_in.StreamLength < 0 && length > 1 << 20) return DicomFragments.ParseOffsetTable(ReadLarge(tag, length));
        var table = new uint[length / 4];
        if (!_in.TryRead(MemoryMarshal.AsBytes(table.AsSpan()))) throw Truncated($"the {length}-byte value", tag);
        if (!BitConverter.IsLittleEndian)
            for (var i = 0; i < table.Length; i++) table[i] = BinaryPrimitives.ReverseEndianness(table[i]);
        if (length % 4 != 0) _in.Skip(length % 4);
        return table;
    }

    // Reads a value into its own array. Without a known stream length the array grows with the data
    // actually received, so a bogus length cannot make us allocate gigabytes up front.
    private byte[] ReadLarge(uint tag, uint length)
    {
        if (_in.StreamLength >= 0 || length <= 1 << 20)
        {
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            if (!_in.TryRead(bytes)) throw Truncated($"the {length}-byte value", tag);
            return bytes;
        }
        using var grown = new MemoryStream();
        var chunk = new byte[1 << 20];
        for (long left = length; left > 0;)
        {
            var n = (int)Math.Min(chunk.Length, left);
            if (!_in.TryRead(chunk.AsSpan(0, n))) throw Truncated($"the {length}-byte value", tag);
            grown.Write(chunk, 0, n);
            left -= n;
        }
        return grown.ToArray();
    }

    private void CheckLength(uint length, uint tag)
    {
        if (length > _in.Remaining)
            throw new DicomFormatException($"value length {length} exceeds the {_in.Remaining} bytes left", _in.Position, new DicomTag(tag));
        if (length > int.MaxValue && _bulkSource is null)
            throw new DicomFormatException($"value length {length} is too large to hold in memory", _in.Position, new DicomTag(tag));
        if (_options.MaxInMemoryValueLength > 0 && _bulkSource is null && length > _options.MaxInMemoryValueLength)
            throw new DicomFormatException($"value length {length} exceeds the configured limit of {_options.MaxInMemoryValueLength}", _in.Position, new DicomTag(tag));
    }

    private static bool ContradictsDictionary(uint tagValue, DicomVR vr)
    {
        if (vr == DicomVR.UN || (tagValue & 0xFFFF) == 0) return false;
        var tag = new DicomTag(tagValue);
        if (tag.IsPrivate) return false;
        var vrs = DicomDictionary.Lookup(tag)?.ValueRepresentations;
        return vrs is { Count: > 0 } && !vrs.Contains(vr);
    }

    private DicomVR ImplicitVR(uint tagValue, ref EntryList list, int pixelRepresentation)
    {
        var tag = new DicomTag(tagValue);
        if (tag.IsGroupLength) return DicomVR.UL;
        DicomDictionaryEntry? entry;
        if (tag.IsPrivate)
        {
            if (tag.IsPrivateCreator) return DicomVR.LO;
            var creatorIndex = tag.PrivateCreatorTag is { } creator ? list.IndexOf(creator.Value) : -1;
            if (creatorIndex < 0) return DicomVR.UN;
            var creatorName = DicomDataset.DecodeAscii(DicomValueDecoder.TrimPadding(list[creatorIndex].InlineSpan));
            entry = DicomDictionary.Lookup(tag, creatorName.Trim());
        }
        else
        {
            entry = DicomDictionary.Lookup(tag);
        }
        if (entry is null) return DicomVR.UN;
        var vrs = entry.ValueRepresentations;
        if (vrs.Count == 1) return vrs[0];
        // Implicit VR encodes ambiguous pixel-related elements as OW, and US/SS per Pixel Representation (PS3.5 A.1).
        if (vrs.Contains(DicomVR.OW)) return DicomVR.OW;
        if (vrs.Contains(DicomVR.SS) && vrs.Contains(DicomVR.US))
        {
            if (pixelRepresentation == UnknownPixelRepresentation)
                Warn($"{tag} is US or SS and no Pixel Representation (0028,0103) precedes it; read as US");
            return pixelRepresentation == 1 ? DicomVR.SS : DicomVR.US;
        }
        return vrs[0];
    }

    private static int PixelRepresentationOf(in DicomEntry entry) =>
        entry.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(entry.InlineSpan) : 0;

    // Some writers leave zero bytes after the last element; they end the data set, not an error.
    private bool IsPaddingToEnd()
    {
        var buffered = _in.Buffered;
        if (buffered == 0) return true;
        if (_in.Peek(buffered).ContainsAnyExcept((byte)0)) return false;
        Warn($"{buffered} zero bytes of trailing padding at offset {_in.Position} ignored");
        _in.Advance(buffered);
        return true;
    }

    // A zero tag after other elements, or eight zero bytes (tag 0, length 0: no valid element) anywhere.
    private bool IsTrailingGarbage(uint tag, uint lastTag, ReadOnlySpan<byte> header)
    {
        if (tag != 0 || lastTag == 0 && header.ContainsAnyExcept((byte)0)) return false;
        Warn($"zero-filled data after the last element at offset {_in.Position} ignored");
        _in.Skip(_in.Remaining == long.MaxValue ? _in.Buffered : _in.Remaining);
        return true;
    }

    private DicomFormatException Truncated(string what, uint? tag) =>
        new($"the stream ends inside {what}", _in.Position, tag is { } t ? new DicomTag(t) : null);

    private void Warn(string warning)
    {
        if (Warnings is null || Warnings.Count < 100) (Warnings ??= []).Add(warning);
    }

    internal static uint ReadTag(ReadOnlySpan<byte> b, Syntax syntax) => syntax.BigEndian
        ? ((uint)BinaryPrimitives.ReadUInt16BigEndian(b) << 16) | BinaryPrimitives.ReadUInt16BigEndian(b[2..])
        : ((uint)BinaryPrimitives.ReadUInt16LittleEndian(b) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);

    private static uint ReadUInt32(ReadOnlySpan<byte> b, Syntax syntax) =>
        syntax.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
}

/// <summary>The two encoding choices that change how element headers and values are read.</summary>
internal readonly record struct Syntax(bool Explicit, bool BigEndian)
{
    public static readonly Syntax ImplicitLittle = new(false, false);
    public static readonly Syntax ExplicitLittle = new(true, false);
    public static readonly Syntax ExplicitBig = new(true, true);

    public static Syntax Of(DicomTransferSyntax ts) => new(ts.IsExplicitVR, ts.IsBigEndian);
}
