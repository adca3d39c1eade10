namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>
/// A tag tree (T.800 B.10.2) over a grid of code-blocks: each node is the minimum of its children; values
/// are coded as "is the value below this threshold" questions from the root down.
/// </summary>
internal sealed class TagTree
{
    private const int Unknown = int.MaxValue;
    private readonly int[] _parent;
    private readonly int[] _value;
    private readonly int[] _low;
    private readonly bool[] _known;

    /// <summary>A tree over <paramref name="width"/>×<paramref name="height"/> leaves.</summary>
    public TagTree(int width, int height)
    {
        var parents = new List<int>();
        var count = 0;
        var levels = new List<(int Start, int W, int H)>();
        int w = Math.Max(1, width), h = Math.Max(1, height);
        while (true)
        {
            levels.Add((count, w, h));
            count += w * h;
            if (w == 1 && h == 1) break;
            w = (w + 1) / 2;
            h = (h + 1) / 2;
        }
        _parent = new int[count];
        for (var l = 0; l < levels.Count; l++)
        {
            var (start, lw, lh) = levels[l];
            for (var y = 0; y < lh; y++)
                for (var x = 0; x < lw; x++)
                    _parent[start + y * lw + x] = l + 1 < levels.Count ? levels[l + 1].Start + (y / 2) * levels[l + 1].W + x / 2 : -1;
        }
        _value = new int[count];
        _low = new int[count];
        _known = new bool[count];
        Array.Fill(_value, Unknown);
    }

    /// <summary>Decodes whether leaf <paramref name="leaf"/>'s value is below <paramref name="threshold"/>.</summary>
    public bool Decode(int leaf, int threshold, ref PacketBitReader bits)
    {
        Span<int> path = stackalloc int[32];
        var depth = 0;
        for (var n = leaf; n >= 0; n = _parent[n]) path[depth++] = n;
        var low = 0;
        for (var i = depth - 1; i >= 0; i--)
        {
            var n = path[i];
            if (low > _low[n]) _low[n] = low;
            else low = _low[n];
            while (low < threshold && low < _value[n])
            {
                if (bits.ReadBit() != 0) _value[n] = low;
                else low++;
            }
            _low[n] = low;
        }
        return _value[leaf] < threshold;
    }

    /// <summary>Decodes leaf <paramref name="leaf"/>'s value completely.</summary>
    public int DecodeValue(int leaf, ref PacketBitReader bits)
    {
        var threshold = 1;
        while (!Decode(leaf, threshold, ref bits))
            if (++threshold > 64) throw new DicomCodecException("a JPEG 2000 tag tree value is out of range");
        return _value[leaf];
    }

    /// <summary>Encoder: sets leaf values (row-major) and the minimum of each parent.</summary>
    public void SetValues(ReadOnlySpan<int> leaves)
    {
        Array.Fill(_value, Unknown);
        Array.Clear(_low);
        Array.Clear(_known);
        for (var i = 0; i < leaves.Length; i++)
            for (var n = i; n >= 0 && leaves[i] < _value[n]; n = _parent[n]) _value[n] = leaves[i];
    }

    /// <summary>Encoder: writes the bits telling whether leaf <paramref name="leaf"/> is below <paramref name="threshold"/>.</summary>
    public void Encode(int leaf, int threshold, PacketBitWriter bits)
    {
        Span<int> path = stackalloc int[32];
        var depth = 0;
        for (var n = leaf; n >= 0; n = _parent[n]) path[depth++] = n;
        var low = 0;
        for (var i = depth - 1; i >= 0; i--)
        {
            var n = path[i];
            if (low > _low[n]) _low[n] = low;
            else low = _low[n];
            while (low < threshold)
            {
                if (low >= _value[n])
                {
                    if (!_known[n])
                    {
                        bits.WriteBit(1);
                        _known[n] = true;
                    }
                    break;
                }
                bits.WriteBit(0);
                low++;
            }
            _low[n] = low;
        }
    }
}
