using System.Buffers;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// Encodes a data set in one of the uncompressed encodings (PS3.5 §7): element headers, values
/// padded to even length with the VR's padding byte, byte order, sequences with defined or
/// undefined lengths, encapsulated pixel data, bulk values streamed from their source.
/// </summary>
internal sealed class DicomDatasetWriter
{
    private const uint Undefined = 0xFFFFFFFF;
    private readonly DicomOutput _out;
    private readonly Syntax _syntax;
    private readonly DicomWriteOptions _options;
    private readonly bool _encapsulated;

    public DicomDatasetWriter(DicomOutput output, DicomTransferSyntax transferSyntax, DicomWriteOptions options)
    {
        _out = output;
        _syntax = Syntax.Of(transferSyntax);
        _options = options;
        _encapsulated = transferSyntax.IsEncapsulated;
    }

    public DicomDatasetWriter(DicomOutput output, Syntax syntax, DicomWriteOptions options)
    {
        _out = output;
        _syntax = syntax;
        _options = options;
    }

    public void Write(DicomDataset dataset)
    {
        var entries = dataset.Entries;
        // Group lengths already in the data set are never written as they are: they are regenerated
        // (when asked for) before the first other element of each group.
        var lastGroup = uint.MaxValue;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            if ((e.Tag & 0xFFFF) == 0) continue;
            var group = e.Tag >> 16;
            if (_options.IncludeGroupLengths && group != lastGroup)
                WriteGroupLength(group, GroupLength(entries[i..], group));
            lastGroup = group;
            WriteElement(e);
        }
    }

    /// <summary>The bytes <paramref name="dataset"/> takes when written with these settings.</summary>
    public long Measure(DicomDataset dataset)
    {
        long total = 0;
        var entries = dataset.Entries;
        var lastGroup = uint.MaxValue;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            if ((e.Tag & 0xFFFF) == 0) continue;
            if (_options.IncludeGroupLengths && e.Tag >> 16 != lastGroup) total += 12;
            lastGroup = e.Tag >> 16;
            total += ElementLength(e);
        }
        return total;
    }

    private void WriteGroupLength(uint group, long length)
    {
        WriteHeader(group << 16, DicomVR.UL, 4);
        _out.WriteUInt32((uint)length, _syntax.BigEndian);
    }

    private long GroupLength(ReadOnlySpan<DicomEntry> entries, uint group)
    {
        long total = 0;
        foreach (ref readonly var e in entries)
        {
            if (e.Tag >> 16 != group) break;
            if ((e.Tag & 0xFFFF) != 0) total += ElementLength(e);
        }
        return total;
    }

    private void WriteElement(in DicomEntry e)
    {
        switch (e.Kind)
        {
            case DicomValueKind.Sequence:
                WriteSequence(e.Tag, (DicomSequence)e.Payload!);
                break;
            case DicomValueKind.Fragments:
                WriteFragments(e.Tag, (DicomFragments)e.Payload!);
                break;
            case DicomValueKind.Bulk:
                WriteBulk(e.Tag, e.VR, (DicomBulkData)e.Payload!);
                break;
            default:
                WriteInline(e.Tag, e.VR, e.InlineSpan);
                break;
        }
    }

    private void WriteInline(uint tag, DicomVR vr, ReadOnlySpan<byte> value)
    {
        var padded = value.Length + (value.Length & 1);
        vr = HeaderVR(vr, padded);
        WriteHeader(tag, vr, (uint)padded);
        var unit = _syntax.BigEndian ? vr.SwapUnit() : 1;
        if (unit > 1) _out.WriteSwapped(value, unit);
        else _out.Write(value);
        if ((value.Length & 1) == 1) _out.WriteByte(vr.PaddingByte());
    }

    private void WriteBulk(uint tag, DicomVR vr, DicomBulkData bulk)
    {
        var padded = bulk.Length + (bulk.Length & 1);
        if (padded > uint.MaxValue - 1) throw new InvalidOperationException($"{new DicomTag(tag)} is too long for a 32-bit length");
        vr = HeaderVR(vr, padded);
        WriteHeader(tag, vr, (uint)padded);
        var unit = _syntax.BigEndian ? vr.SwapUnit() : 1;
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            for (long done = 0; done < bulk.Length;)
            {
                var n = (int)Math.Min(buffer.Length, bulk.Length - done);
                bulk.Read(done, buffer.AsSpan(0, n));
                if (unit > 1) _out.WriteSwapped(buffer.AsSpan(0, n), unit);
                else _out.Write(buffer.AsSpan(0, n));
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if ((bulk.Length & 1) == 1) _out.WriteByte(vr.PaddingByte());
    }

    private void WriteSequence(uint tag, DicomSequence sequence)
    {
        var explicitLengths = _options.ExplicitLengthSequences;
        WriteHeader(tag, DicomVR.SQ, explicitLengths ? (uint)SequenceValueLength(sequence) : Undefined);
        foreach (var item in sequence)
        {
            WriteItemHeader(DicomTag.Item.Value, explicitLengths ? (uint)Measure(item) : Undefined);
            Write(item);
            if (!explicitLengths) WriteItemHeader(DicomTag.ItemDelimitationItem.Value, 0);
        }
        if (!explicitLengths) WriteItemHeader(DicomTag.SequenceDelimitationItem.Value, 0);
    }

    private void WriteFragments(uint tag, DicomFragments fragments)
    {
        if (!_encapsulated)
            throw new InvalidOperationException("the pixel data is encapsulated (compressed); writing it in a native transfer syntax needs a codec to decompress it");
        WriteHeader(tag, DicomVR.OB, Undefined);
        WriteItemHeader(DicomTag.Item.Value, (uint)(fragments.BasicOffsetTable.Count * 4));
        foreach (var offset in fragments.BasicOffsetTable) _out.WriteUInt32(offset, false);
        foreach (var fragment in fragments)
        {
            var length = fragment.Length;
            WriteItemHeader(DicomTag.Item.Value, (uint)(length + (length & 1)));
            if (fragment.Bulk is { } bulk) WriteBulkBody(bulk);
            else _out.Write(fragment.GetBytes().Span);
            if ((length & 1) == 1) _out.WriteByte(0);
        }
        WriteItemHeader(DicomTag.SequenceDelimitationItem.Value, 0);
    }

    private void WriteBulkBody(DicomBulkData bulk) => bulk.CopyTo(_out.Stream);

    // Short-length VRs cannot carry more than 65534 bytes in explicit VR; PS3.5 §6.2.2 says to use UN.
    private DicomVR HeaderVR(DicomVR vr, long length) =>
        _syntax.Explicit && !vr.HasLongExplicitLength() && length > 0xFFFE ? DicomVR.UN : vr;

    private void WriteHeader(uint tag, DicomVR vr, uint length)
    {
        _out.WriteUInt16((ushort)(tag >> 16), _syntax.BigEndian);
        _out.WriteUInt16((ushort)tag, _syntax.BigEndian);
        if (!_syntax.Explicit)
        {
            _out.WriteUInt32(length, _syntax.BigEndian);
            return;
        }
        _out.WriteByte((byte)((ushort)vr >> 8));
        _out.WriteByte((byte)vr);
        if (vr.HasLongExplicitLength())
        {
            _out.WriteUInt16(0, false);
            _out.WriteUInt32(length, _syntax.BigEndian);
        }
        else
        {
            _out.WriteUInt16((ushort)length, _syntax.BigEndian);
        }
    }

    private void WriteItemHeader(uint tag, uint length)
    {
        _out.WriteUInt16((ushort)(tag >> 16), _syntax.BigEndian);
        _out.WriteUInt16((ushort)tag, _syntax.BigEndian);
        _out.WriteUInt32(length, _syntax.BigEndian);
    }

    private long ElementLength(in DicomEntry e)
    {
        var value = e.Kind switch
        {
            DicomValueKind.Inline => e.Length + (e.Length & 1),
            DicomValueKind.Bulk => ((DicomBulkData)e.Payload!).Length + (((DicomBulkData)e.Payload!).Length & 1),
            DicomValueKind.Sequence => SequenceValueLength((DicomSequence)e.Payload!) + (_options.ExplicitLengthSequences ? 0 : 8),
            _ => FragmentsLength((DicomFragments)e.Payload!),
        };
        var vr = e.Kind == DicomValueKind.Sequence ? DicomVR.SQ : HeaderVR(e.VR, value);
        return (_syntax.Explicit && vr.HasLongExplicitLength() ? 12 : 8) + value;
    }

    private long SequenceValueLength(DicomSequence sequence)
    {
        long total = 0;
        foreach (var item in sequence) total += 8 + Measure(item) + (_options.ExplicitLengthSequences ? 0 : 8);
        return total;
    }

    private static long FragmentsLength(DicomFragments fragments)
    {
        long total = 8 + fragments.BasicOffsetTable.Count * 4L + 8;
        foreach (var f in fragments) total += 8 + f.Length + (f.Length & 1);
        return total;
    }
}
