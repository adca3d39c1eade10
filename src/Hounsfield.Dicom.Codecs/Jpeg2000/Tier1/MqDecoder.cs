using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The MQ arithmetic decoder of T.800 Annex C.3 over one codeword segment. The segment must be followed by
/// two 0xFF bytes in memory (the caller pads it), so reading past its end behaves as if a marker followed
/// (1-bits are fed), as C.3.4 prescribes, without bounds checks. Contexts hold packed states
/// (<see cref="MqTables.Packed"/>), so the common case — an MPS without renormalisation — needs no table look-up.
/// </summary>
internal unsafe struct MqDecoder
{
    private byte* _position;
    private uint _a;
    private uint _c;
    private int _ct;

    /// <summary>INITDEC on the segment at <paramref name="data"/>, which must be followed by 0xFF 0xFF (they stop it).</summary>
    public MqDecoder(byte* data)
    {
        _position = data;
        _c = (uint)*data << 16;
        _ct = 0;
        _a = 0;
        ByteIn();
        _c <<= 7;
        _ct -= 7;
        _a = 0x8000_0000; // A keeps its 16 bits at the top, like C's CHIGH
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ByteIn()
    {
        if (*_position == 0xFF)
        {
            if (_position[1] > 0x8F)
            {
                _c += 0xFF00;
                _ct = 8;
            }
            else
            {
                _position++;
                _c += (uint)*_position << 9;
                _ct = 7;
            }
        }
        else
        {
            _position++;
            _c += (uint)*_position << 8;
            _ct = 8;
        }
    }

    /// <summary>DECODE: one binary decision in context <paramref name="cx"/> of <paramref name="contexts"/> (packed states).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(uint* contexts, int cx)
    {
        var state = contexts[cx];
        var qe = state & 0xFFFF0000;
        var mps = (int)state & 1;
        _a -= qe;
        int d;
        if (_c < qe)
        {
            // LPS exchange (C.3.2, Figure C.16): the smaller interval is the MPS when A < Qe.
            var lps = _a >= qe;
            d = lps ? 1 - mps : mps;
            contexts[cx] = Next(lps ? (state >> 8) & 0x7F : (state >> 1) & 0x7F);
            _a = qe;
        }
        else
        {
            _c -= qe;
            if ((int)_a < 0) return mps;
            // MPS exchange (Figure C.15).
            var lps = _a < qe;
            d = lps ? 1 - mps : mps;
            contexts[cx] = Next(lps ? (state >> 8) & 0x7F : (state >> 1) & 0x7F);
        }
        Renormalize();
        return d;
    }

    // RENORMD (Figure C.18): shifts A left until its top bit is set, fetching a byte whenever CT runs out;
    // when CT covers the whole shift it is done in one step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Renormalize()
    {
        var shift = BitOperations.LeadingZeroCount(_a);
        if (shift <= _ct)
        {
            _a <<= shift;
            _c <<= shift;
            _ct -= shift;
            return;
        }
        do
        {
            if (_ct == 0) ByteIn();
            _a <<= 1;
            _c <<= 1;
            _ct--;
        }
        while ((int)_a >= 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Next(uint index) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(MqTables.Packed), (int)index);
}
