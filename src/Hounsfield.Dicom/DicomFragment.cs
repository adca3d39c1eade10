namespace Hounsfield.Dicom;

/// <summary>One item of encapsulated pixel data: its bytes in memory, or a reference into the source.</summary>
public sealed class DicomFragment
{
    private readonly ReadOnlyMemory<byte> _bytes;

    /// <summary>A fragment held in memory.</summary>
    public DicomFragment(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    /// <summary>A fragment left in its source.</summary>
    public DicomFragment(DicomBulkData bulk) => Bulk = bulk;

    /// <summary>The reference into the source, or null for an in-memory fragment.</summary>
    public DicomBulkData? Bulk { get; }

    /// <summary>The fragment length in bytes.</summary>
    public long Length => Bulk?.Length ?? _bytes.Length;

    /// <summary>The fragment bytes, read from the source when needed.</summary>
    public ReadOnlyMemory<byte> GetBytes() => Bulk is null ? _bytes : Bulk.ReadAllBytes();

    /// <summary>Copies the fragment bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Stream destination)
    {
        if (Bulk is null) destination.Write(_bytes.Span);
        else Bulk.CopyTo(destination);
    }

    /// <summary>Reads the first bytes of the fragment (up to <paramref name="destination"/>.Length).</summary>
    internal int Peek(Span<byte> destination)
    {
        var n = (int)Math.Min(destination.Length, Length);
        if (Bulk is null) _bytes.Span[..n].CopyTo(destination);
        else Bulk.Read(0, destination[..n]);
        return n;
    }
}
