using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The MQ arithmetic encoder of T.800 Annex C.2 (software conventions of C.2.2–C.2.9), writing into a
/// growable buffer, with the truncation length estimate tier-2 rate control needs after each pass.
/// A struct so the coding passes keep A, C and CT in locals; contexts hold the packed states of
/// <see cref="MqTables.Packed"/>.
/// </summary>
internal unsafe struct MqEncoder
{
    private byte[] _buffer;
    private int _bp; // index of B; _buffer[0] is the byte before the code stream
    private uint _a;
    private uint _c;
    private int _ct;

    /// <summary>INITENC.</summary>
    public void Start()
    {
        _buffer ??= new byte[1024];
        _a = 0x8000;
        _c = 0;
        _ct = 12;
        _bp = 0;
        _buffer[0] = 0;
    }

    /// <summary>Bytes a decoder needs to decode everything coded so far (a safe truncation point).</summary>
    public readonly int TruncationLength => _bp + 3;

    /// <summary>Codes <paramref name="d"/> in context <paramref name="cx"/> of <paramref name="contexts"/> (packed states).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Encode(uint* contexts, int cx, int d)
    {
        var state = contexts[cx];
        var qe = state >> 16;
        _a -= qe;
        if (d == (int)(state & 1))
        {
            if ((_a & 0x8000) != 0)
            {
                _c += qe;
                return;
            }
            if (_a < qe) _a = qe;
            else _c += qe;
            contexts[cx] = Next((state >> 1) & 0x7F);
        }
        else
        {
            if (_a < qe) _c += qe;
            else _a = qe;
            contexts[cx] = Next((state >> 8) & 0x7F);
        }
        // RENORME (Figure C.8): in one shift when no byte is due on the way.
        var shift = BitOperations.LeadingZeroCount(_a) - 16;
        if (shift < _ct)
        {
            _a <<= shift;
            _c <<= shift;
            _ct -= shift;
            return;
        }
        do
        {
            _a <<= 1;
            _c <<= 1;
            if (--_ct == 0) ByteOut();
        }
        while ((_a & 0x8000) == 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Next(uint index) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(MqTables.Packed), (int)index);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ByteOut()
    {
        if (_buffer[_bp] == 0xFF)
        {
            Put(_c >> 20, 0xFFFFF, 7);
        }
        else if (_c < 0x8000000)
        {
            Put(_c >> 19, 0x7FFFF, 8);
        }
        else
        {
            _buffer[_bp]++;
            if (_buffer[_bp] == 0xFF)
            {
                _c &= 0x7FFFFFF;
                Put(_c >> 20, 0xFFFFF, 7);
            }
            else
            {
                Put(_c >> 19, 0x7FFFF, 8);
            }
        }
    }

    private void Put(uint value, uint mask, int ct)
    {
        if (++_bp >= _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[_bp] = (byte)value;
        _c &= mask;
        _ct = ct;
    }

    /// <summary>FLUSH (C.2.9) and returns the coded bytes.</summary>
    public byte[] Finish()
    {
        var temp = _c + _a;
        _c |= 0xFFFF;
        if (_c >= temp) _c -= 0x8000;
        _c <<= _ct;
        ByteOut();
        _c <<= _ct;
        ByteOut();
        var length = _buffer[_bp] == 0xFF ? _bp - 1 : _bp;
        return _buffer.AsSpan(1, length).ToArray();
    }
}
