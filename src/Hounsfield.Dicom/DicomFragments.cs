using System.Buffers.Binary;
using System.Collections.ObjectModel;
using Hounsfield.Dicom.IO;

namespace Hounsfield.Dicom;

/// <summary>
/// Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item followed by the fragments.
/// Frames are located with the Extended Offset Table, the Basic Offset Table, or the fragments
/// themselves, and read without touching other frames.
/// </summary>
public sealed class DicomFragments : Collection<DicomFragment>
{
    /// <summary>Creates encapsulated pixel data with an optional Basic Offset Table (frame offsets in bytes).</summary>
    public DicomFragments(IReadOnlyList<uint>? basicOffsetTable = null) =>
        BasicOffsetTable = basicOffsetTable ?? [];

    /// <summary>Fragments read from a source, kept as positions until they are used or edited.</summary>
    internal DicomFragments(SourceFragmentList fragments, uint[] basicOffsetTable) : base(fragments) =>
        BasicOffsetTable = basicOffsetTable;

    /// <summary>Offsets of each frame's first fragment item, from the first fragment item's tag; empty when absent.</summary>
    public IReadOnlyList<uint> BasicOffsetTable { get; set; }

    /// <summary>Parses the value of the first item into <see cref="BasicOffsetTable"/>.</summary>
    internal static uint[] ParseOffsetTable(ReadOnlySpan<byte> item)
    {
        var table = new uint[item.Length / 4];
        for (var i = 0; i < table.Length; i++) table[i] = BinaryPrimitives.ReadUInt32LittleEndian(item[(i * 4)..]);
        return table;
    }

    /// <summary>
    /// The fragments that make up frame <paramref name="frame"/> (0-based) of
    /// <paramref name="numberOfFrames"/>, using the Extended Offset Table when given, else the
    /// Basic Offset Table, else one fragment per frame, else codestream start markers.
    /// </summary>
    public IReadOnlyList<DicomFragment> GetFrameFragments(int frame, int numberOfFrames, IReadOnlyList<ulong>? extendedOffsetTable = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        if (numberOfFrames <= 1 || Count == 0)
            return frame == 0 ? this.ToArray() : throw new ArgumentOutOfRangeException(nameof(frame));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, numberOfFrames);
        var offsets = extendedOffsetTable is { Count: > 0 } ? extendedOffsetTable
            : BasicOffsetTable.Count > 0 ? BasicOffsetTable.Select(o => (ulong)o).ToArray()
            : null;
        if (offsets is not null) return ByOffsets(offsets, frame);
        if (Count == numberOfFrames) return [this[frame]];
        return ByStartMarkers(frame);
    }

    /// <summary>Reads frame <paramref name="frame"/> as one contiguous code stream.</summary>
    public byte[] ReadFrame(int frame, int numberOfFrames, IReadOnlyList<ulong>? extendedOffsetTable = null)
    {
        var parts = GetFrameFragments(frame, numberOfFrames, extendedOffsetTable);
        using var output = new MemoryStream((int)Math.Min(int.MaxValue, parts.Sum(p => p.Length)));
        foreach (var part in parts) part.CopyTo(output);
        return output.ToArray();
    }

    private List<DicomFragment> ByOffsets(IReadOnlyList<ulong> offsets, int frame)
    {
        if (frame >= offsets.Count) throw new DicomFormatException($"the offset table has {offsets.Count} entries, frame {frame + 1} is not among them");
        var start = offsets[frame];
        var end = frame + 1 < offsets.Count ? offsets[frame + 1] : ulong.MaxValue;
        var result = new List<DicomFragment>();
        ulong position = 0;
        foreach (var fragment in this)
        {
            if (position >= start && position < end) result.Add(fragment);
            position += 8 + (ulong)EncodedLength(fragment);
        }
        if (result.Count == 0) throw new DicomFormatException($"the offset table points frame {frame + 1} at {start}, where no fragment starts");
        return result;
    }

    // An in-memory fragment of odd length (a codec's output) is written with a pad byte, so offsets
    // counted for the written form, as encoders count them, step over that byte too.
    private static long EncodedLength(DicomFragment fragment) => fragment.Bulk is null ? fragment.Length + (fragment.Length & 1) : fragment.Length;

    // Without offsets, a fragment that opens with a JPEG SOI (FFD8) or a JPEG 2000 SOC (FF4F)
    // marker starts a new frame (PS3.5 A.4 allows a frame to span fragments).
    private List<DicomFragment> ByStartMarkers(int frame)
    {
        var current = -1;
        var result = new List<DicomFragment>();
        Span<byte> head = stackalloc byte[2];
        foreach (var fragment in this)
        {
            var n = fragment.Peek(head);
            if (n == 2 && head[0] == 0xFF && head[1] is 0xD8 or 0x4F) current++;
            else if (current < 0) current = 0;
            if (current == frame) result.Add(fragment);
            else if (current > frame) break;
        }
        if (result.Count == 0) throw new DicomFormatException($"frame {frame + 1} could not be located among {Count} fragments");
        return result;
    }
}
