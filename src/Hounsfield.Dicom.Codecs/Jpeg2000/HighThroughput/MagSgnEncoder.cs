namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The MagSgn bit-stream writer (ITU-T T.814 clause 7): bits least significant first, a byte after 0xFF
/// holds 7 bits. The mirror of <see cref="ForwardBitReader"/>.
/// </summary>
internal ref struct MagSgnEncoder
{
    private readonly Span<byte> buffer;
    private ulong pending;
    private int used;
    private int capacity;

    /// <summary>Writes into <paramref name="buffer"/>.</summary>
    public MagSgnEncoder(Span<byte> buffer)
    {
        this.buffer = buffer;
        capacity = 8;
    }

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>Writes the <paramref name="length"/> (0–32) low bits of <paramref name="bits"/>.</summary>
    public void Encode(uint bits, int length)
    {
        pending |= (ulong)(bits & (uint)((1UL << length) - 1)) << used;
        used += length;
        while (used >= capacity)
        {
            var b = (int)(pending & ((1UL << capacity) - 1));
            buffer[Length++] = (byte)b;
            pending >>= capacity;
            used -= capacity;
            capacity = b == 0xFF ? 7 : 8;
        }
    }

    /// <summary>Pads the last byte with 1 bits; a final 0xFF is dropped since the decoder reads 0xFF past the end.</summary>
    public void Flush()
    {
        if (used > 0)
        {
            var b = (int)(pending | (0xFFUL << used)) & ((1 << capacity) - 1);
            if (b != 0xFF)
                buffer[Length++] = (byte)b;
            pending = 0;
            used = 0;
        }
        else if (capacity == 7)
            Length--;
    }
}
