namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// The source of a value that DICOM JSON or XML gave only as a URI. Without an opener it is a
/// marker: the reference survives a round trip through our writers, but reading the bytes
/// throws. With an opener, the URI is opened lazily, on each read.
/// </summary>
public sealed class DicomBulkDataUriSource : DicomBulkDataSource
{
    private readonly Func<string, Stream>? _open;

    /// <summary>A source for <paramref name="uri"/>, opened by <paramref name="open"/> when read (or never, when null).</summary>
    public DicomBulkDataUriSource(string uri, Func<string, Stream>? open = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        _open = open;
    }

    /// <summary>The bulk data URI as read.</summary>
    public string Uri { get; }

    /// <summary>True when the bytes can be read (an opener was given).</summary>
    public bool CanRead => _open is not null;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No opener was given: the reference was never resolved.</exception>
    public override void ReadExactly(long offset, Span<byte> destination)
    {
        if (_open is null)
            throw new InvalidOperationException($"the bulk data at {Uri} was not resolved: read with DicomBulkDataOptions.Resolver set");
        using var stream = _open(Uri);
        if (stream.CanSeek) stream.Position = offset;
        else SkipForward(stream, offset);
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new DicomFormatException($"{Uri} ended before the bulk value did", offset, inner: e);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Uri;

    private void SkipForward(Stream stream, long count)
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var n = stream.Read(scratch[..(int)Math.Min(scratch.Length, count)]);
            if (n == 0) throw new DicomFormatException($"{Uri} ended before the bulk value started", count);
            count -= n;
        }
    }
}
