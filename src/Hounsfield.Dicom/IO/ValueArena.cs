namespace Hounsfield.Dicom.IO;

/// <summary>
/// Hands out slices of a few shared blocks for the values of one parse, so a data set's values
/// cost a handful of arrays instead of one per element.
/// </summary>
internal sealed class ValueArena
{
    private const int FirstBlock = 2048;
    private const int LargestBlock = 64 * 1024;
    private byte[] _block = [];
    private int _used;
    private int _nextSize = FirstBlock;

    public (byte[] Block, int Offset) Allocate(int length)
    {
        if (length == 0) return ([], 0);
        if (length > LargestBlock / 2) return (new byte[length], 0);
        if (_block.Length - _used < length)
        {
            _block = new byte[Math.Max(_nextSize, length)];
            _used = 0;
            _nextSize = Math.Min(_nextSize * 2, LargestBlock);
        }
        var offset = _used;
        _used += length;
        return (_block, offset);
    }
}
