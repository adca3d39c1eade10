namespace Hounsfield.Dicom.Codecs.Transcoding;

/// <summary>
/// Where the transcoder puts each frame as it is produced, so that only one frame is ever held in
/// memory at a time: small results stay in memory; large ones go to a temporary file (the result's
/// pixel data then reads from it lazily) that has no name left once opened, so that its space is
/// freed with the handle however the process ends.
/// </summary>
internal sealed class TranscodedFrames
{
    /// <summary>Results above this size are spilled to a temporary file.</summary>
    public const long InMemoryLimit = 64L * 1024 * 1024;

    private readonly List<byte[]>? _memory;
    private readonly FileStream? _spill;
    private readonly List<(long Offset, int Length)> _frames = [];
    private long _length;

    public TranscodedFrames(long expectedBytes, string? temporaryDirectory = null)
    {
        if (expectedBytes <= InMemoryLimit)
        {
            _memory = [];
            return;
        }
        var path = Path.Combine(temporaryDirectory ?? Path.GetTempPath(), $"hf-transcode-{Guid.NewGuid():N}.tmp");
        // Windows deletes on close itself, even when the process dies. .NET on Unix deletes only when
        // the stream is disposed, which a process that exits or is killed with the result alive never
        // does (gigabytes left behind each time); an unlinked file lives exactly as long as its handle.
        var windows = OperatingSystem.IsWindows();
        _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            windows ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!windows) File.Delete(path);
    }

    public int Count => _frames.Count;

    public long Length => _length;

    public void Add(ReadOnlySpan<byte> frame)
    {
        _frames.Add((_length, frame.Length));
        _length += frame.Length;
        if (_memory is not null) _memory.Add(frame.ToArray());
        else _spill!.Write(frame);
    }

    /// <summary>Frame <paramref name="index"/> as one fragment of encapsulated pixel data.</summary>
    public DicomFragment Fragment(int index)
    {
        if (_memory is not null) return new DicomFragment(_memory[index]);
        var (offset, length) = _frames[index];
        return new DicomFragment(new DicomBulkData(Source, offset, length));
    }

    /// <summary>Every frame, one after another, as a native Pixel Data value.</summary>
    public DicomBulkData? Spilled => _spill is null ? null : new DicomBulkData(Source, 0, _length);

    /// <summary>Every frame concatenated in one array (in-memory results only).</summary>
    public byte[] Concatenated()
    {
        var all = GC.AllocateUninitializedArray<byte>(checked((int)_length));
        var at = 0;
        foreach (var frame in _memory!)
        {
            frame.CopyTo(all, at);
            at += frame.Length;
        }
        return all;
    }

    private DicomBulkDataSource Source
    {
        get
        {
            _spill!.Flush();
            return _source ??= DicomBulkDataSource.FromStream(_spill);
        }
    }

    private DicomBulkDataSource? _source;
}
