using System.Collections;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// The fragments of encapsulated pixel data left in their source, stored as one position per
/// fragment (8 bytes) rather than two objects each: 20,000 fragments cost 160 KB, not 1.8 MB.
/// A <see cref="DicomFragment"/> is made when first asked for and kept, so the same index always
/// gives the same object; the first edit turns the list into an ordinary list of them.
/// </summary>
internal sealed class SourceFragmentList : IList<DicomFragment>
{
    private readonly DicomBulkDataSource _source;

    // The position of each fragment's item header, then that of the item that follows the last
    // fragment: items are contiguous, so fragment i holds headers[i + 1] - headers[i] - 8 bytes.
    private readonly long[] _headers;
    private DicomFragment?[]? _made;
    private List<DicomFragment>? _edited;

    public SourceFragmentList(DicomBulkDataSource source, long[] headers)
    {
        _source = source;
        _headers = headers;
    }

    public int Count => _edited?.Count ?? _headers.Length - 1;

    public bool IsReadOnly => false;

    public DicomFragment this[int index]
    {
        get => _edited is not null ? _edited[index] : Make(index);
        set => Edit()[index] = value;
    }

    public int IndexOf(DicomFragment item)
    {
        if (_edited is not null) return _edited.IndexOf(item);
        // Only fragments already made can be equal (by reference) to the one given.
        return _made is null ? -1 : Array.IndexOf(_made, item);
    }

    public bool Contains(DicomFragment item) => IndexOf(item) >= 0;

    public void CopyTo(DicomFragment[] array, int arrayIndex)
    {
        if (_edited is not null)
        {
            _edited.CopyTo(array, arrayIndex);
            return;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Count, array.Length - arrayIndex, nameof(arrayIndex));
        for (var i = 0; i < Count; i++) array[arrayIndex + i] = Make(i);
    }

    public IEnumerator<DicomFragment> GetEnumerator()
    {
        if (_edited is not null)
        {
            foreach (var fragment in _edited) yield return fragment;
            yield break;
        }
        for (var i = 0; i < _headers.Length - 1; i++)
        {
            if (_edited is not null) throw new InvalidOperationException("The fragments were changed during enumeration.");
            yield return Make(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(DicomFragment item) => Edit().Add(item);

    public void Insert(int index, DicomFragment item) => Edit().Insert(index, item);

    public bool Remove(DicomFragment item) => Edit().Remove(item);

    public void RemoveAt(int index) => Edit().RemoveAt(index);

    public void Clear() => Edit().Clear();

    private DicomFragment Make(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _headers.Length - 1);
        _made ??= new DicomFragment?[_headers.Length - 1];
        return _made[index] ??= new DicomFragment(new DicomBulkData(_source, _headers[index] + 8, _headers[index + 1] - _headers[index] - 8));
    }

    private List<DicomFragment> Edit()
    {
        if (_edited is not null) return _edited;
        var list = new List<DicomFragment>(_headers.Length);
        for (var i = 0; i < _headers.Length - 1; i++) list.Add(Make(i));
        _made = null;
        return _edited = list;
    }
}
