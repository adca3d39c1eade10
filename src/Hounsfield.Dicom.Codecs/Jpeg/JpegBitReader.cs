using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded segment bits (T.81 F.2.2.5): MSB-first, 0xFF00 unstuffed, stopping at any
/// marker. Past a marker or the end of data it supplies zero bits and counts them, so a decoder can
/// tell a truncated segment from a complete one.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;
    private ulong _acc;
    private int _bits;
    private int _fake;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _pos = position;
    }

    /// <summary>Byte position of the next unread byte (a marker when the segment has ended).</summary>
    public readonly int Position => _pos;

    /// <summary>True when more bits were consumed than the segment holds.</summary>
    public readonly bool Overrun => _bits < _fake;

    /// <summary>Number of zero bytes supplied past the end of the segment.</summary>
    public readonly int FakeBytes => _fake >> 3;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fill()
    {
        if (_pos + 8 <= _data.Length)
        {
            // Common case: the next 8 bytes hold no 0xFF (so no stuffing and no marker): take as
            // many whole bytes as fit in one go.
            var v = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(_data[_pos..]);
            var inverted = ~v;
            if (((inverted - 0x0101010101010101UL) & v & 0x8080808080808080UL) == 0)
            {
                var n = (64 - _bits) >> 3;
                var taken = n == 8 ? v : v & ~(ulong.MaxValue >> (8 * n));
                _acc |= taken >> _bits;
                _bits += 8 * n;
                _pos += n;
                return;
            }
        }
        while (_bits <= 56)
        {
            uint b = 0;
            if (_pos < _data.Length)
            {
                b = _data[_pos];
                if (b == 0xFF)
                {
                    var next = _pos + 1 < _data.Length ? _data[_pos + 1] : 0xD9;
                    if (next == 0) _pos += 2;
                    else { b = 0; _fake += 8; if (_fake > 1 << 16) Throw("the entropy-coded data is truncated"); }
                }
                else _pos++;
            }
            else { _fake += 8; if (_fake > 1 << 16) Throw("the entropy-coded data is truncated"); }
            _acc |= (ulong)b << (56 - _bits);
            _bits += 8;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure(int n)
    {
        if (_bits < n) Fill();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBits(int n)
    {
        if (_bits < n) Fill();
        var v = (int)(_acc >> (64 - n));
        _acc <<= n;
        _bits -= n;
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBit()
    {
        if (_bits < 1) Fill();
        var v = (int)(_acc >> 63);
        _acc <<= 1;
        _bits--;
        return v;
    }

    /// <summary>Receives <paramref name="s"/> bits (s in 1..16) and extends them to a signed value (F.2.2.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int s)
    {
        if (_bits < s) Fill();
        var v = (int)(_acc >> (64 - s));
        _acc <<= s;
        _bits -= s;
        return Extend(v, s);
    }

    /// <summary>Makes at least 32 bits available: enough for a code and its extra bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure32()
    {
        if (_bits < 32) Fill();
    }

    /// <summary>Decodes one Huffman symbol; the caller has called <see cref="Ensure32"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeNoFill(HuffmanDecodeTable table)
    {
        int entry = table.Lookup[(int)(_acc >> (64 - HuffmanDecodeTable.LookupBits))];
        if (entry != 0)
        {
            var len = entry >> 8;
            _acc <<= len;
            _bits -= len;
            return entry & 0xFF;
        }
        return DecodeSlow(table);
    }

    /// <summary>Receives and extends <paramref name="s"/> bits (1..15) already buffered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtendNoFill(int s)
    {
        var v = (int)(_acc >> (64 - s));
        _acc <<= s;
        _bits -= s;
        return Extend(v, s);
    }

    /// <summary>
    /// The bit buffer, for a hot loop that keeps it in registers (a field of a struct passed by
    /// reference would go through memory on every symbol); hand it back with <see cref="Exchange"/>.
    /// </summary>
    public readonly (ulong Acc, int Bits) State => (_acc, _bits);

    /// <summary>
    /// Takes back the buffer from a hot loop, makes at least 32 bits available (reading as
    /// <see cref="Ensure32"/> does) and returns the buffer again.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public (ulong Acc, int Bits) Refill(ulong acc, int bits)
    {
        _acc = acc;
        _bits = bits;
        Fill();
        return (_acc, _bits);
    }

    /// <summary>Takes back the buffer from a hot loop, decodes one symbol the slow way and returns the buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public (ulong Acc, int Bits, int Symbol) DecodeSlow(ulong acc, int bits, HuffmanDecodeTable table)
    {
        _acc = acc;
        _bits = bits;
        var symbol = DecodeSlow(table);
        return (_acc, _bits, symbol);
    }

    /// <summary>Takes back the buffer from a hot loop.</summary>
    public void Exchange(ulong acc, int bits)
    {
        _acc = acc;
        _bits = bits;
    }

    /// <summary>Decodes one Huffman symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(HuffmanDecodeTable table)
    {
        if (_bits < 16) Fill();
        var look = (int)(_acc >> (64 - HuffmanDecodeTable.LookupBits));
        int entry = table.Lookup[look];
        if (entry != 0)
        {
            var len = entry >> 8;
            _acc <<= len;
            _bits -= len;
            return entry & 0xFF;
        }
        return DecodeSlow(table);
    }

    private int DecodeSlow(HuffmanDecodeTable table)
    {
        var code = (int)(_acc >> (64 - 16));
        for (var l = HuffmanDecodeTable.LookupBits + 1; l <= 16; l++)
        {
            var c = code >> (16 - l);
            if (c <= table.MaxCode[l])
            {
                _acc <<= l;
                _bits -= l;
                return table.Values[table.ValPtr[l] + c - table.MinCode[l]];
            }
        }
        Throw("the entropy-coded data holds a Huffman code that is not in the table");
        return 0;
    }

    /// <summary>
    /// Ends the current restart interval: drops the buffered bits and expects RSTn at the current
    /// position (after optional fill bytes), then moves past it.
    /// </summary>
    public void Restart(int expected)
    {
        if (Overrun) Throw("the entropy-coded data is truncated before a restart marker");
        _acc = 0;
        _bits = 0;
        _fake = 0;
        var p = _pos;
        while (p + 1 < _data.Length && _data[p] == 0xFF && _data[p + 1] == 0xFF) p++;
        if (p + 1 >= _data.Length || _data[p] != 0xFF || _data[p + 1] != 0xD0 + expected)
            Throw($"expected restart marker RST{expected} at offset {p}");
        _pos = p + 2;
    }

    /// <summary>Ends the scan: drops buffered bits; the position is at the marker that ended it.</summary>
    public void Finish()
    {
        if (Overrun) Throw("the entropy-coded data is truncated");
        _acc = 0;
        _bits = 0;
        _fake = 0;
    }

    /// <summary>F.2.2.1 EXTEND: <paramref name="s"/> received bits <paramref name="v"/> to a signed value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Extend(int v, int s) => v < 1 << (s - 1) ? v - (1 << s) + 1 : v;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string message) => throw new DicomCodecException("JPEG: " + message);
}
