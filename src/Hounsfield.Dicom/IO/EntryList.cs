using System.Buffers;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// One pooled stack for everything a parse has read but not yet turned into objects: the entries
/// of the data sets being read (an item's entries sit above those of the data set holding its
/// sequence) and the finished items of the sequences being read. Nesting is strictly last-in
/// first-out, so one array serves every level, instead of a pool rent and return per item.
/// </summary>
internal sealed class ParseStack
{
    private DicomEntry[] _entries = [];
    private int _entryTop;
    private int _entryHighWater;
    private DicomDataset[] _items = [];
    private int _itemTop;
    private int _itemHighWater;

    public void Rent()
    {
        if (_entries.Length == 0) _entries = ArrayPool<DicomEntry>.Shared.Rent(256);
        if (_items.Length == 0) _items = ArrayPool<DicomDataset>.Shared.Rent(64);
    }

    /// <summary>Clears what the parse left in the arrays (so the pool holds no references) and returns them.</summary>
    public void Return()
    {
        if (_entries.Length > 0)
        {
            Array.Clear(_entries, 0, _entryHighWater);
            ArrayPool<DicomEntry>.Shared.Return(_entries);
        }
        if (_items.Length > 0)
        {
            Array.Clear(_items, 0, _itemHighWater);
            ArrayPool<DicomDataset>.Shared.Return(_items);
        }
        _entries = [];
        _items = [];
        _entryTop = _entryHighWater = _itemTop = _itemHighWater = 0;
    }

    public int EntryTop => _entryTop;

    public DicomEntry[] Entries => _entries;

    public void PushEntry(in DicomEntry entry)
    {
        if (_entryTop == _entries.Length) _entries = Grow(_entries, _entryHighWater);
        _entries[_entryTop++] = entry;
        if (_entryTop > _entryHighWater) _entryHighWater = _entryTop;
    }

    public void PopEntriesTo(int top) => _entryTop = top;

    public int ItemTop => _itemTop;

    public void PushItem(DicomDataset item)
    {
        if (_itemTop == _items.Length) _items = Grow(_items, _itemHighWater);
        _items[_itemTop++] = item;
        if (_itemTop > _itemHighWater) _itemHighWater = _itemTop;
    }

    /// <summary>The items pushed since <paramref name="start"/>, as a sequence with an exactly sized list; pops them.</summary>
    public DicomSequence PopSequence(int start)
    {
        var items = new List<DicomDataset>(_itemTop - start);
        CollectionsMarshal.SetCount(items, _itemTop - start);
        _items.AsSpan(start, _itemTop - start).CopyTo(CollectionsMarshal.AsSpan(items));
        _itemTop = start;
        return new DicomSequence(items);
    }

    private static T[] Grow<T>(T[] array, int used)
    {
        var bigger = ArrayPool<T>.Shared.Rent(array.Length * 2);
        Array.Copy(array, bigger, array.Length);
        Array.Clear(array, 0, used);
        ArrayPool<T>.Shared.Return(array);
        return bigger;
    }
}

/// <summary>
/// The entries of the data set being parsed: a frame of the <see cref="ParseStack"/>.
/// <see cref="ToDataset"/> copies them into one exactly sized array, sorted when the stream was
/// out of order, and pops the frame.
/// </summary>
internal struct EntryList
{
    private readonly ParseStack _stack;
    private readonly int _start;
    private bool _unsorted;

    public EntryList(ParseStack stack)
    {
        _stack = stack;
        _start = stack.EntryTop;
    }

    public readonly int Count => _stack.EntryTop - _start;

    public readonly uint LastTag => Count == 0 ? 0 : _stack.Entries[_stack.EntryTop - 1].Tag;

    public void Add(in DicomEntry entry)
    {
        if (Count > 0 && entry.Tag <= LastTag) _unsorted = true;
        _stack.PushEntry(entry);
    }

    public readonly ref DicomEntry this[int index] => ref _stack.Entries[_start + index];

    public readonly int IndexOf(uint tag)
    {
        var entries = _stack.Entries;
        for (var i = _stack.EntryTop - 1; i >= _start; i--)
            if (entries[i].Tag == tag) return i - _start;
        return -1;
    }

    public readonly DicomDataset ToDataset()
    {
        var exact = _stack.Entries.AsSpan(_start, Count).ToArray();
        var count = exact.Length;
        _stack.PopEntriesTo(_start);
        if (_unsorted)
        {
            // Stable order, first occurrence of a repeated tag wins.
            var ordered = exact.Select((e, i) => (e, i)).OrderBy(p => p.e.Tag).ThenBy(p => p.i).Select(p => p.e).ToArray();
            count = 0;
            for (var i = 0; i < ordered.Length; i++)
                if (count == 0 || ordered[i].Tag != ordered[count - 1].Tag) ordered[count++] = ordered[i];
            exact = ordered;
        }
        var dataset = new DicomDataset(exact, count);
        foreach (var entry in exact.AsSpan(0, count))
            if (entry.Payload is DicomSequence sequence) sequence.Owner = dataset;
        return dataset;
    }
}
