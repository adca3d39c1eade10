namespace Hounsfield.Dicom;

/// <summary>
/// A value left in its source (file or seekable stream) and read on demand, so that reading a
/// file's metadata never reads its pixels. Reads return little-endian bytes even when the source
/// is big endian.
/// </summary>
public sealed class DicomBulkData
{
    /// <summary>Creates a reference to <paramref name="length"/> bytes at <paramref name="offset"/> in <paramref name="source"/>.</summary>
    public DicomBulkData(DicomBulkDataSource source, long offset, long length, int swapUnit = 1)
    {
        Source = source;
        Offset = offset;
        Length = length;
        SwapUnit = swapUnit;
    }

    /// <summary>Where the bytes are.</summary>
    public DicomBulkDataSource Source { get; }

    /// <summary>Byte offset of the value in the source.</summary>
    public long Offset { get; }

    /// <summary>Value length in bytes.</summary>
    public long Length { get; }

    /// <summary>Byte-swap unit when the source is big endian (2, 4 or 8); 1 when no swap is needed.</summary>
    public int SwapUnit { get; }

    /// <summary>Reads the whole value into a new array.</summary>
    /// <exception cref="InvalidOperationException">The value is larger than an array can hold.</exception>
    public byte[] ReadAllBytes()
    {
        if (Length > Array.MaxLength) throw new InvalidOperationException($"a value of {Length} bytes does not fit in memory; stream it with CopyTo");
        var bytes = GC.AllocateUninitializedArray<byte>((int)Length);
        Read(0, bytes);
        return bytes;
    }

    /// <summary>Reads <paramref name="destination"/>.Length bytes starting <paramref name="position"/> bytes into the value.</summary>
    public void Read(long position, Span<byte> destination)
    {
        if (position < 0 || position + destination.Length > Length) throw new ArgumentOutOfRangeException(nameof(position));
        Source.ReadExactly(Offset + position, destination);
        if (SwapUnit > 1) ByteSwap.InPlace(destination, SwapUnit);
    }

    /// <summary>Copies the whole value to <paramref name="destination"/> in blocks, never holding it all in memory.</summary>
    public void CopyTo(Stream destination)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            for (long done = 0; done < Length;)
            {
                var n = (int)Math.Min(buffer.Length - buffer.Length % 8, Length - done);
                Read(done, buffer.AsSpan(0, n));
                destination.Write(buffer, 0, n);
                done += n;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Length} bytes at {Offset} in {Source}";
}

/// <summary>A place bulk values can be read back from.</summary>
public abstract class DicomBulkDataSource
{
    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>, or throws <see cref="DicomFormatException"/> when the source is shorter.</summary>
    public abstract void ReadExactly(long offset, Span<byte> destination);

    /// <summary>A source that opens the file by path for each read, holding no handle in between.</summary>
    public static DicomBulkDataSource FromFile(string path) => new FileSource(Path.GetFullPath(path));

    /// <summary>A source over a seekable stream that the caller keeps open.</summary>
    public static DicomBulkDataSource FromStream(Stream stream) => new StreamSource(stream);

    private sealed class FileSource(string path) : DicomBulkDataSource
    {
        public override void ReadExactly(long offset, Span<byte> destination)
        {
            using var handle = File.OpenHandle(path);
            for (var done = 0; done < destination.Length;)
            {
                var n = RandomAccess.Read(handle, destination[done..], offset + done);
                if (n == 0) throw new DicomFormatException($"{path} ended before the bulk value did", offset + done);
                done += n;
            }
        }

        public override string ToString() => path;
    }

    private sealed class StreamSource(Stream stream) : DicomBulkDataSource
    {
        private readonly Lock _lock = new();

        public override void ReadExactly(long offset, Span<byte> destination)
        {
            lock (_lock)
            {
                stream.Position = offset;
                try
                {
                    stream.ReadExactly(destination);
                }
                catch (EndOfStreamException e)
                {
                    throw new DicomFormatException("the stream ended before the bulk value did", offset, inner: e);
                }
            }
        }

        public override string ToString() => stream.GetType().Name;
    }
}
