using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// The file a received data set is streamed into. Fragments arrive in large pieces, so they are
/// written straight to the file without a buffer of our own; on Linux the kernel is asked to start
/// writing every 256 KiB to disk as it arrives (<c>sync_file_range</c>, without waiting), so that
/// the flush of a durable store afterwards waits only for the tail, not for the whole file.
/// </summary>
internal sealed class IncomingFileStream(string path) : Stream
{
    private const long WritebackStep = 256 * 1024;
    private readonly SafeFileHandle _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
    private long _length;
    private long _writtenBack;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        RandomAccess.Write(_handle, buffer, _length);
        _length += buffer.Length;
        if (_length - _writtenBack >= WritebackStep) StartWriteback();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _handle.Dispose();
        base.Dispose(disposing);
    }

    // A hint: a file system without it (or an error) only means the later flush does all the work.
    private void StartWriteback()
    {
        if (OperatingSystem.IsLinux()) _ = sync_file_range(_handle, _writtenBack, _length - _writtenBack, SyncFileRangeWrite);
        _writtenBack = _length;
    }

    private const uint SyncFileRangeWrite = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int sync_file_range(SafeFileHandle fd, long offset, long nbytes, uint flags);
}
