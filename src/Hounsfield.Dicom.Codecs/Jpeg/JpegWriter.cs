using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>Builds a JPEG code stream: marker segments and byte-stuffed entropy-coded bits.</summary>
internal sealed class JpegWriter
{
    private byte[] _buf;
    private int _len;
    private ulong _acc;
    private int _bits;

    public JpegWriter(int capacity) => _buf = new byte[Math.Max(1024, capacity)];

    public byte[] ToArray()
    {
        var r = new byte[_len];
        _buf.AsSpan(0, _len).CopyTo(r);
        return r;
    }

    private void Grow(int need)
    {
        if (_len + need <= _buf.Length) return;
        var n = Math.Max(_buf.Length * 2, _len + need);
        Array.Resize(ref _buf, n);
    }

    public void Byte(int b)
    {
        Grow(1);
        _buf[_len++] = (byte)b;
    }

    public void Word(int w)
    {
        Grow(2);
        _buf[_len++] = (byte)(w >> 8);
        _buf[_len++] = (byte)w;
    }

    public void Marker(int m) => Word(0xFF00 | m);

    /// <summary>Writes the low <paramref name="n"/> bits (n ≤ 32) of <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Bits(uint value, int n)
    {
        if (n == 0) return;
        _acc |= (ulong)(value & (uint)((1L << n) - 1)) << (64 - _bits - n);
        _bits += n;
        if (_bits >= 32) Flush32();
    }

    private void Flush32()
    {
        Grow(8);
        var buf = _buf;
        while (_bits >= 8)
        {
            var b = (byte)(_acc >> 56);
            buf[_len++] = b;
            if (b == 0xFF) buf[_len++] = 0;
            _acc <<= 8;
            _bits -= 8;
        }
    }

    /// <summary>Pads the entropy-coded segment to a byte boundary with 1-bits (F.1.2.3).</summary>
    public void AlignOnes()
    {
        var pad = (8 - (_bits & 7)) & 7;
        Bits((1u << pad) - 1, pad);
        Flush32();
    }

    public void Huffman(HuffmanEncodeTable t, int symbol) => Bits(t.Code[symbol], t.Size[symbol]);

    public void Dht(int tableClass, int id, HuffmanEncodeTable t)
    {
        Marker(0xC4);
        Word(2 + 1 + 16 + t.Values.Length);
        Byte((tableClass << 4) | id);
        for (var i = 0; i < 16; i++) Byte(t.Bits[i]);
        foreach (var v in t.Values) Byte(v);
    }
}

/// <summary>A Huffman table for encoding, built optimally from symbol frequencies (T.81 K.2).</summary>
internal sealed class HuffmanEncodeTable
{
    public readonly byte[] Bits = new byte[16];
    public readonly byte[] Values;
    public readonly uint[] Code = new uint[256];
    public readonly byte[] Size = new byte[256];

    /// <summary>Builds code lengths limited to 16 bits for the symbols with non-zero frequency.</summary>
    public HuffmanEncodeTable(ReadOnlySpan<long> frequencies)
    {
        // K.2, Figure K.1: merge the two least frequent, symbol 256 reserves the all-ones code.
        Span<long> freq = stackalloc long[257];
        Span<int> codeSize = stackalloc int[257];
        Span<int> others = stackalloc int[257];
        frequencies.CopyTo(freq);
        freq[256] = 1;
        others.Fill(-1);
        while (true)
        {
            int v1 = -1, v2 = -1;
            for (var i = 0; i < 257; i++)
                if (freq[i] > 0 && (v1 < 0 || freq[i] <= freq[v1])) v1 = i;
            for (var i = 0; i < 257; i++)
                if (freq[i] > 0 && i != v1 && (v2 < 0 || freq[i] <= freq[v2])) v2 = i;
            if (v2 < 0) break;
            freq[v1] += freq[v2];
            freq[v2] = 0;
            codeSize[v1]++;
            while (others[v1] >= 0) { v1 = others[v1]; codeSize[v1]++; }
            others[v1] = v2;
            codeSize[v2]++;
            while (others[v2] >= 0) { v2 = others[v2]; codeSize[v2]++; }
        }
        Span<int> bits = stackalloc int[40];
        for (var i = 0; i < 257; i++) if (codeSize[i] > 0) bits[codeSize[i]]++;
        // Figure K.3: limit lengths to 16.
        for (var i = 39; i > 16; i--)
        {
            while (bits[i] > 0)
            {
                var j = i - 2;
                while (bits[j] == 0) j--;
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        var last = 16;
        while (bits[last] == 0) last--;
        bits[last]--; // drop the reserved code point
        var count = 0;
        for (var i = 1; i <= 16; i++) { Bits[i - 1] = (byte)bits[i]; count += bits[i]; }
        // Figure K.4: symbols sorted by code size.
        Values = new byte[count];
        var k = 0;
        for (var size = 1; size <= 39 && k < count; size++)
            for (var s = 0; s < 256 && k < count; s++)
                if (codeSize[s] == size) Values[k++] = (byte)s;
        // The limit procedure may move symbols between sizes; sizes follow BITS in Values order.
        Assign();
    }

    private void Assign()
    {
        var code = 0u;
        var k = 0;
        for (var l = 1; l <= 16; l++)
        {
            for (var i = 0; i < Bits[l - 1]; i++, k++)
            {
                Code[Values[k]] = code++;
                Size[Values[k]] = (byte)l;
            }
            code <<= 1;
        }
    }
}
