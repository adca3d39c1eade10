using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The MQ arithmetic decoder of T.800 Annex C.3 over one codeword segment. Reading past the end of the
/// segment behaves as if a marker followed (1-bits are fed), as C.3.4 prescribes.
/// </summary>
internal ref struct MqDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private uint _a;
    private uint _c;
    private int _ct;

    /// <summary>INITDEC on <paramref name="data"/>.</summary>
    public MqDecoder(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        _c = (uint)ByteAt(0) << 16;
        ByteIn();
        _c <<= 7;
        _ct -= 7;
        _a = 0x8000;
    }

    private readonly int ByteAt(int index) => index < _data.Length ? _data[index] : 0xFF;

    private void ByteIn()
    {
        if (ByteAt(_position) == 0xFF)
        {
            if (ByteAt(_position + 1) > 0x8F)
            {
                _c += 0xFF00;
                _ct = 8;
            }
            else
            {
                _position++;
                _c += (uint)ByteAt(_position) << 9;
                _ct = 7;
            }
        }
        else
        {
            _position++;
            _c += (uint)ByteAt(_position) << 8;
            _ct = 8;
        }
    }

    /// <summary>DECODE: one binary decision in context <paramref name="cx"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(Span<byte> states, Span<byte> mps, int cx)
    {
        int state = states[cx];
        uint qe = MqTables.Qe[state];
        _a -= qe;
        int d;
        if ((_c >> 16) < qe)
        {
            // LPS exchange.
            if (_a < qe)
            {
                d = mps[cx];
                states[cx] = MqTables.NextMps[state];
            }
            else
            {
                d = 1 - mps[cx];
                if (MqTables.Switch[state]) mps[cx] = (byte)d;
                states[cx] = MqTables.NextLps[state];
            }
            _a = qe;
            Renormalize();
        }
        else
        {
            _c -= qe << 16;
            if ((_a & 0x8000) != 0) return mps[cx];
            // MPS exchange.
            if (_a < qe)
            {
                d = 1 - mps[cx];
                if (MqTables.Switch[state]) mps[cx] = (byte)d;
                states[cx] = MqTables.NextLps[state];
            }
            else
            {
                d = mps[cx];
                states[cx] = MqTables.NextMps[state];
            }
            Renormalize();
        }
        return d;
    }

    private void Renormalize()
    {
        do
        {
            if (_ct == 0) ByteIn();
            _a <<= 1;
            _c <<= 1;
            _ct--;
        }
        while ((_a & 0x8000) == 0);
    }
}
