using System.Buffers;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// A pooled, growable list of entries for the data set being parsed; <see cref="ToDataset"/> copies
/// them into one exactly sized array, sorted when the stream was out of order.
/// </summary>
internal struct EntryList : IDisposable
{
    private DicomEntry[] _items;
    private int _count;
    private bool _unsorted;

    public EntryList(int capacity) => _items = ArrayPool<DicomEntry>.Shared.Rent(capacity);

    public readonly int Count => _count;

    public readonly uint LastTag => _count == 0 ? 0 : _items[_count - 1].Tag;

    public void Add(in DicomEntry entry)
    {
        if (_count > 0 && entry.Tag <= _items[_count - 1].Tag) _unsorted = true;
        if (_count == _items.Length)
        {
            var bigger = ArrayPool<DicomEntry>.Shared.Rent(_count * 2);
            Array.Copy(_items, bigger, _count);
            Array.Clear(_items, 0, _count);
            ArrayPool<DicomEntry>.Shared.Return(_items);
            _items = bigger;
        }
        _items[_count++] = entry;
    }

    public readonly ref DicomEntry this[int index] => ref _items[index];

    public readonly int IndexOf(uint tag)
    {
        for (var i = _count - 1; i >= 0; i--)
            if (_items[i].Tag == tag) return i;
        return -1;
    }

    public readonly DicomDataset ToDataset()
    {
        var exact = _items.AsSpan(0, _count).ToArray();
        var count = _count;
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

    public void Dispose()
    {
        if (_items is null) return;
        Array.Clear(_items, 0, _count);
        ArrayPool<DicomEntry>.Shared.Return(_items);
        _items = null!;
    }
}
