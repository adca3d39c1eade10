using System.Buffers;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// Holds the values of one parse in pooled scratch blocks while it runs; <see cref="Seal"/> then
/// copies each block's used bytes into one exactly sized array and repoints the entries at it.
/// A data set's values so cost one array (per 64 KiB of values) with no slack, instead of one
/// array per element or a doubling series of part-filled blocks.
/// </summary>
internal sealed class ValueArena
{
    private const int ScratchSize = 64 * 1024;

    /// <summary>Longer values get an array of their own, which is exact already.</summary>
    private const int LargestShared = ScratchSize / 2;

    private byte[]? _current;
    private int _used;
    private List<(byte[] Block, int Used)>? _filled;

    public (byte[] Block, int Offset) Allocate(int length)
    {
        if (length == 0) return ([], 0);
        if (length > LargestShared) return (new byte[length], 0);
        if (_current is null || _current.Length - _used < length)
        {
            if (_current is not null) (_filled ??= []).Add((_current, _used));
            _current = ArrayPool<byte>.Shared.Rent(ScratchSize);
            _used = 0;
        }
        var offset = _used;
        _used += length;
        return (_current, offset);
    }

    /// <summary>
    /// Moves every value of <paramref name="root"/> (and of the items of its sequences) out of the
    /// scratch blocks into exact arrays and returns the blocks to the pool. Every inline entry the
    /// parse created must be reachable from <paramref name="root"/>.
    /// </summary>
    public void Seal(DicomDataset root)
    {
        if (_current is null) return;
        if (_filled is null)
        {
            var exact = Exact(_current, _used);
            Repoint(root, _current, exact, null);
        }
        else
        {
            _filled.Add((_current, _used));
            var copies = new byte[_filled.Count][];
            for (var i = 0; i < copies.Length; i++) copies[i] = Exact(_filled[i].Block, _filled[i].Used);
            Repoint(root, null, null, copies);
        }
        Release();
    }

    /// <summary>Returns the scratch blocks to the pool (after <see cref="Seal"/>, or when a parse fails).</summary>
    public void Release()
    {
        if (_filled is not null)
        {
            foreach (var (block, _) in _filled)
                if (!ReferenceEquals(block, _current)) ArrayPool<byte>.Shared.Return(block);
            _filled = null;
        }
        if (_current is not null) ArrayPool<byte>.Shared.Return(_current);
        _current = null;
        _used = 0;
    }

    private static byte[] Exact(byte[] block, int used)
    {
        var exact = GC.AllocateUninitializedArray<byte>(used);
        block.AsSpan(0, used).CopyTo(exact);
        return exact;
    }

    private void Repoint(DicomDataset dataset, byte[]? single, byte[]? singleCopy, byte[][]? copies)
    {
        for (var i = 0; i < dataset.Count; i++)
        {
            ref var entry = ref dataset.EntryAt(i);
            if (entry.Kind == DicomValueKind.Sequence)
            {
                // Indexing, not foreach: Collection<T>'s enumerator is boxed, one allocation per sequence.
                var items = (DicomSequence)entry.Payload!;
                for (var j = 0; j < items.Count; j++) Repoint(items[j], single, singleCopy, copies);
                continue;
            }
            if (entry.Kind != DicomValueKind.Inline || entry.Payload is not byte[] block) continue;
            if (single is not null)
            {
                if (ReferenceEquals(block, single)) entry.Payload = singleCopy;
                continue;
            }
            for (var b = 0; b < copies!.Length; b++)
            {
                if (!ReferenceEquals(block, _filled![b].Block)) continue;
                entry.Payload = copies[b];
                break;
            }
        }
    }
}
