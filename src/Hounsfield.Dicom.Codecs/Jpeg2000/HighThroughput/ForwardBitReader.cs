namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// Reads a forward-growing HT bit-stream (MagSgn and SigProp, ITU-T T.814 clause 7): bits least significant first,
/// a byte that follows 0xFF carries only 7 bits (its stuffed MSB is skipped). Past the end the stream reads
/// as <c>fill</c> bytes (0xFF for MagSgn, 0 for SigProp), so truncated input never reads out of bounds.
/// </summary>
internal ref struct ForwardBitReader
{
    private readonly ReadOnlySpan<byte> data;
    private readonly int fill;
    private int position;
    private ulong buffer;
    private int count;
    private bool afterFF;

    /// <summary>Starts reading <paramref name="data"/>.</summary>
    public ForwardBitReader(ReadOnlySpan<byte> data, byte fill)
    {
        this.data = data;
        this.fill = fill;
    }

    /// <summary>Reads <paramref name="n"/> bits (0–32), the first bit read being the least significant.</summary>
    public uint Read(int n)
    {
        if (count < n)
            Refill();
        var value = (uint)(buffer & ((1UL << n) - 1));
        buffer >>= n;
        count -= n;
        return value;
    }

    private void Refill()
    {
        while (count <= 56)
        {
            var b = position < data.Length ? data[position] : fill;
            position++;
            if (afterFF)
            {
                buffer |= (ulong)(b & 0x7F) << count;
                count += 7;
            }
            else
            {
                buffer |= (ulong)b << count;
                count += 8;
            }
            afterFF = b == 0xFF;
        }
    }
}
