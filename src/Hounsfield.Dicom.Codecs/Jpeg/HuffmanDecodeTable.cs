namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>A Huffman table for decoding (T.81 C.2 and F.2.2.3) with a 9-bit look-up for short codes.</summary>
internal sealed class HuffmanDecodeTable
{
    public const int LookupBits = 9;

    /// <summary>Per 9-bit prefix: (code length &lt;&lt; 8) | symbol, or 0 when the code is longer.</summary>
    public readonly ushort[] Lookup = new ushort[1 << LookupBits];
    public readonly int[] MaxCode = new int[18];
    public readonly int[] MinCode = new int[17];
    public readonly int[] ValPtr = new int[17];
    public readonly byte[] Values;

    public const int FastBits = 10;

    /// <summary>
    /// Per 10-bit prefix, for AC codes whose code and extra bits together fit: (value &lt;&lt; 16) |
    /// (run &lt;&lt; 8) | bits used; 0 when they do not (or the symbol is EOB/ZRL).
    /// </summary>
    public readonly int[] FastAc = new int[1 << FastBits];

    /// <summary>Builds a table from BITS (counts of codes of length 1..16) and HUFFVAL.</summary>
    public HuffmanDecodeTable(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> values)
    {
        Values = values.ToArray();
        var code = 0;
        var k = 0;
        for (var l = 1; l <= 16; l++)
        {
            int n = bits[l - 1];
            if (n == 0) { MaxCode[l] = -1; code <<= 1; continue; }
            ValPtr[l] = k;
            MinCode[l] = code;
            for (var i = 0; i < n; i++, k++, code++)
            {
                AddFastAc(code, l, values[k]);
                if (l <= LookupBits)
                {
                    var shift = LookupBits - l;
                    var first = code << shift;
                    var entry = (ushort)((l << 8) | values[k]);
                    for (var j = 0; j < 1 << shift; j++) Lookup[first + j] = entry;
                }
            }
            // T.81 C.2: codes of length l must fit in l bits; the all-ones code is reserved.
            if (code > 1 << l || (code == 1 << l && l < 16 && HasLonger(bits, l)))
                JpegBitReader.Throw("a Huffman table has more codes than its code lengths allow");
            MaxCode[l] = code - 1;
            code <<= 1;
        }
        MaxCode[17] = int.MaxValue;
    }

    private void AddFastAc(int code, int length, int rs)
    {
        int size = rs & 15, run = rs >> 4;
        var used = length + size;
        if (size == 0 || used > FastBits) return;
        for (var extra = 0; extra < 1 << size; extra++)
        {
            var value = JpegBitReader.Extend(extra, size);
            var first = ((code << size) | extra) << (FastBits - used);
            var entry = (value << 16) | (run << 8) | used;
            for (var j = 0; j < 1 << (FastBits - used); j++) FastAc[first + j] = entry;
        }
    }

    private static bool HasLonger(ReadOnlySpan<byte> bits, int l)
    {
        for (var i = l; i < 16; i++) if (bits[i] != 0) return true;
        return false;
    }
}
