using System.Buffers;

namespace Hounsfield.Dicom;

/// <summary>
/// Collects decoded characters in a caller-provided stack buffer and moves to a pooled array only
/// when a value outgrows it, so decoding allocates nothing but the final string.
/// </summary>
internal ref struct CharBuilder
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    /// <param name="initial">The first buffer, usually stack memory.</param>
    /// <param name="rented">The pooled array behind <paramref name="initial"/>, if it is one; returned on dispose.</param>
    public CharBuilder(Span<char> initial, char[]? rented = null)
    {
        _chars = initial;
        _rented = rented;
        _length = 0;
    }

    public void Append(char c)
    {
        if (_length == _chars.Length) Grow(1);
        _chars[_length++] = c;
    }

    /// <summary>Space for at least <paramref name="count"/> characters; commit them with <see cref="Advance"/>.</summary>
    public Span<char> GetSpan(int count)
    {
        if (_chars.Length - _length < count) Grow(count);
        return _chars[_length..];
    }

    public void Advance(int count) => _length += count;

    public override string ToString() => new(_chars[.._length]);

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _rented = null;
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + needed));
        _chars[.._length].CopyTo(next);
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _rented = next;
        _chars = next;
    }
}
