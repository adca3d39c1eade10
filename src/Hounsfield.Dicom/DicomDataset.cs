using System.Collections;

namespace Hounsfield.Dicom;

/// <summary>
/// A DICOM data set (PS3.5 §7): data elements ordered by tag. Values stay in their encoded,
/// little-endian form and are decoded on demand by the typed accessors; large binary values may
/// stay in their source file (<see cref="DicomBulkData"/>).
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomElement>
{
    private DicomEntry[] _entries;
    private int _count;
    private DicomCharacterSet? _characterSet;
    private DicomDataset? _parent;

    /// <summary>Creates an empty data set.</summary>
    public DicomDataset() => _entries = [];

    internal DicomDataset(DicomEntry[] sortedEntries, int count)
    {
        _entries = sortedEntries;
        _count = count;
    }

    /// <summary>The data set that contains the sequence this item belongs to; null for a top-level data set.</summary>
    public DicomDataset? Parent
    {
        get => _parent;
        internal set
        {
            if (ReferenceEquals(_parent, value)) return;
            _parent = value;
            // An item without its own (0008,0005) inherits its new parent's character set.
            InvalidateCharacterSet();
        }
    }

    /// <summary>
    /// For a sequence item read from a file or stream: the position of its Item tag (FFFE,E000) from
    /// the first byte of the source (of a Part 10 file: of the preamble), which is what a DICOMDIR's
    /// record offsets point at; null for items built in memory.
    /// </summary>
    public long? SourceOffset { get; internal set; }

    /// <summary>The number of elements at this level (not counting those inside sequences).</summary>
    public int Count => _count;

    /// <summary>
    /// The character set of this data set's text: its own Specific Character Set (0008,0005), or the
    /// enclosing data set's for a sequence item without one (PS3.5 §7.5.3), or the default repertoire.
    /// </summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (_characterSet is not null) return _characterSet;
            var index = IndexOf(DicomTag.SpecificCharacterSet.Value);
            _characterSet = index >= 0
                ? DicomCharacterSet.FromSpecificCharacterSet(DecodeAscii(_entries[index].InlineSpan))
                : Parent?.CharacterSet ?? DicomCharacterSet.Default;
            return _characterSet;
        }
    }

    /// <summary>True when an element with this tag is present (even with an empty value).</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag.Value) >= 0;

    /// <summary>The element with this tag.</summary>
    /// <exception cref="KeyNotFoundException">The tag is not present.</exception>
    public DicomElement this[DicomTag tag] =>
        TryGetElement(tag, out var element) ? element : throw new KeyNotFoundException($"{tag} {tag.Keyword} is not in the data set");

    /// <summary>Gets the element with this tag, if present.</summary>
    public bool TryGetElement(DicomTag tag, out DicomElement element)
    {
        var index = IndexOf(tag.Value);
        element = index >= 0 ? new DicomElement(_entries[index], this) : default;
        return index >= 0;
    }

    /// <summary>Removes the element with this tag; returns false when it was absent.</summary>
    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag.Value);
        if (index < 0) return false;
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _entries[--_count] = default;
        OnChanged(tag.Value);
        return true;
    }

    /// <summary>Removes every element for which <paramref name="predicate"/> is true.</summary>
    public int RemoveAll(Func<DicomElement, bool> predicate)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (predicate(new DicomElement(_entries[i], this))) continue;
            _entries[kept++] = _entries[i];
        }
        var removed = _count - kept;
        Array.Clear(_entries, kept, removed);
        _count = kept;
        _characterSet = null;
        return removed;
    }

    /// <summary>Removes every element.</summary>
    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
        _characterSet = null;
    }

    /// <summary>
    /// A deep copy: sequences and their items are copied; inline value bytes and bulk references
    /// are shared, which is safe because values are replaced, never changed in place.
    /// </summary>
    public DicomDataset Clone()
    {
        var copy = new DicomDataset(_entries[.._count], _count);
        for (var i = 0; i < copy._count; i++)
        {
            ref var entry = ref copy._entries[i];
            if (entry.Payload is DicomSequence sequence) entry.Payload = sequence.Clone(copy);
        }
        return copy;
    }

    /// <summary>
    /// The dictionary entry for <paramref name="tag"/>: for a private data element, the one its
    /// Private Creator (gggg,00xx) in this data set registered.
    /// </summary>
    public DicomDictionaryEntry? GetDictionaryEntry(DicomTag tag)
    {
        if (tag.PrivateCreatorTag is not { } creatorTag) return DicomDictionary.Lookup(tag);
        var index = IndexOf(creatorTag.Value);
        return index < 0 ? null : DicomDictionary.Lookup(tag, DecodeAscii(_entries[index].InlineSpan).Trim());
    }

    /// <summary>
    /// Finds or reserves the private block for <paramref name="creator"/> in <paramref name="group"/>
    /// and returns the tag of <paramref name="element"/> (its low byte) inside that block (PS3.5 §7.8.1).
    /// </summary>
    public DicomTag GetPrivateTag(ushort group, string creator, byte element)
    {
        if ((group & 1) == 0 || group <= 7) throw new ArgumentException($"group {group:X4} is not private", nameof(group));
        var free = (ushort)0;
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var index = IndexOf(((uint)group << 16) | block);
            if (index < 0)
            {
                if (free == 0) free = block;
                continue;
            }
            if (DecodeAscii(_entries[index].InlineSpan).Trim() == creator.Trim())
                return new DicomTag(group, (ushort)((block << 8) | element));
        }
        if (free == 0) throw new InvalidOperationException($"no free private block in group {group:X4}");
        Set(new DicomTag(group, free), DicomVR.LO, creator);
        return new DicomTag(group, (ushort)((free << 8) | element));
    }

    /// <summary>Enumerates the elements in tag order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<DicomElement> IEnumerable<DicomElement>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>An allocation-free enumerator over the elements in tag order.</summary>
    public struct Enumerator : IEnumerator<DicomElement>
    {
        private readonly DicomDataset _dataset;
        private int _index;

        internal Enumerator(DicomDataset dataset)
        {
            _dataset = dataset;
            _index = -1;
        }

        /// <inheritdoc/>
        public readonly DicomElement Current => new(_dataset._entries[_index], _dataset);

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++_index < _dataset._count;

        /// <inheritdoc/>
        public void Reset() => _index = -1;

        /// <inheritdoc/>
        public readonly void Dispose() { }
    }

    internal ReadOnlySpan<DicomEntry> Entries => _entries.AsSpan(0, _count);

    internal int IndexOf(uint tag)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var t = _entries[mid].Tag;
            if (t == tag) return mid;
            if (t < tag) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    internal ref DicomEntry EntryAt(int index) => ref _entries[index];

    /// <summary>Adds or replaces an element, keeping tag order.</summary>
    internal void SetEntry(in DicomEntry entry)
    {
        var index = _count > 0 && _entries[_count - 1].Tag < entry.Tag ? ~_count : IndexOf(entry.Tag);
        if (index >= 0)
        {
            _entries[index] = entry;
        }
        else
        {
            index = ~index;
            if (_count == _entries.Length) Array.Resize(ref _entries, Math.Max(8, _count * 2));
            Array.Copy(_entries, index, _entries, index + 1, _count - index);
            _entries[index] = entry;
            _count++;
        }
        if (entry.Payload is DicomSequence sequence) sequence.Owner = this;
        OnChanged(entry.Tag);
    }

    private void OnChanged(uint tag)
    {
        if (tag == DicomTag.SpecificCharacterSet.Value) InvalidateCharacterSet();
    }

    private void InvalidateCharacterSet()
    {
        _characterSet = null;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Payload is not DicomSequence sequence) continue;
            foreach (var item in sequence) item.InvalidateCharacterSet();
        }
    }

    internal static string DecodeAscii(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}
