namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// Reads a backward-growing HT bit-stream (VLC and MagRef, ITU-T T.814 clause 7): bytes from high to low addresses,
/// bits least significant first. When the previously read byte exceeded 0x8F and the next one's 7 low bits
/// are all 1, that byte carries only 7 bits (its MSB is a stuffed 0). Past the start the stream reads as 0.
/// </summary>
internal ref struct ReverseBitReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;
    private int remaining;
    private ulong buffer;
    private int count;
    private bool unstuff;

    private ReverseBitReader(ReadOnlySpan<byte> data, int position, int remaining, bool unstuff)
    {
        this.data = data;
        this.position = position;
        this.remaining = remaining;
        this.unstuff = unstuff;
    }

    /// <summary>
    /// The VLC stream of a cleanup segment of length Lcup whose MEL+VLC part is Scup bytes: it starts in the
    /// upper nibble of byte Lcup−2 (the lower nibble and byte Lcup−1 hold Scup) and runs down to Lcup−Scup.
    /// </summary>
    public static ReverseBitReader ForVlc(ReadOnlySpan<byte> segment, int lcup, int scup)
    {
        var reader = new ReverseBitReader(segment, lcup - 3, scup - 2, false);
        var first = segment[lcup - 2];
        var nibble = first >> 4;
        var bits = (nibble & 7) == 7 ? 3 : 4;
        reader.buffer = (ulong)(nibble & ((1 << bits) - 1));
        reader.count = bits;
        reader.unstuff = (first | 0xF) > 0x8F;
        return reader;
    }

    /// <summary>The MagRef stream: the refinement segment read from its last byte down.</summary>
    public static ReverseBitReader ForMagRef(ReadOnlySpan<byte> segment) =>
        new(segment, segment.Length - 1, segment.Length, true);

    /// <summary>The next <paramref name="n"/> bits (0–32) without consuming them.</summary>
    public uint Peek(int n)
    {
        if (count < n)
            Refill();
        return (uint)(buffer & ((1UL << n) - 1));
    }

    /// <summary>Consumes <paramref name="n"/> bits already looked at with <see cref="Peek"/>.</summary>
    public void Advance(int n)
    {
        buffer >>= n;
        count -= n;
    }

    /// <summary>Reads <paramref name="n"/> bits (0–32).</summary>
    public uint Read(int n)
    {
        var value = Peek(n);
        Advance(n);
        return value;
    }

    private void Refill()
    {
        while (count <= 56)
        {
            var b = 0;
            if (remaining > 0)
            {
                b = data[position];
                position--;
                remaining--;
            }
            if (unstuff && (b & 0x7F) == 0x7F)
            {
                buffer |= (ulong)(b & 0x7F) << count;
                count += 7;
            }
            else
            {
                buffer |= (ulong)b << count;
                count += 8;
            }
            unstuff = b > 0x8F;
        }
    }
}
