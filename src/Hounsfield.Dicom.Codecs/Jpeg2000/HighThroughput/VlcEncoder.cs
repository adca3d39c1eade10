namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The VLC bit-stream writer (ITU-T T.814 clause 7): bits least significant first into bytes that the code
/// stream stores from its end backwards, so <c>buffer[0]</c> is the segment's last byte. A byte written after
/// one above 0x8F holds 7 bits when those 7 bits are all 1 (its MSB is a stuffed 0). The last byte is
/// reserved for Scup and the low nibble of the one before it too.
/// </summary>
internal ref struct VlcEncoder
{
    private readonly Span<byte> buffer;
    private int used;
    private bool afterLarge;

    /// <summary>Writes into <paramref name="buffer"/>, reserving the Scup byte and nibble.</summary>
    public VlcEncoder(Span<byte> buffer)
    {
        this.buffer = buffer;
        buffer[0] = 0xFF;
        Length = 1;
        Pending = 0xF;
        used = 4;
        afterLarge = true;
    }

    /// <summary>Bytes completed so far, the reserved Scup byte included.</summary>
    public int Length { get; private set; }

    /// <summary>The partly filled byte.</summary>
    public int Pending { get; private set; }

    /// <summary>Bits used in <see cref="Pending"/>.</summary>
    public readonly int Used => used;

    /// <summary>Writes the <paramref name="length"/> low bits of <paramref name="bits"/>, least significant first.</summary>
    public void Encode(int bits, int length)
    {
        while (length > 0)
        {
            var available = 8 - (afterLarge ? 1 : 0) - used;
            var take = Math.Min(available, length);
            Pending |= (bits & ((1 << take) - 1)) << used;
            used += take;
            available -= take;
            length -= take;
            bits >>= take;
            if (available > 0)
                continue;
            if (afterLarge && Pending != 0x7F)
            {
                // 7 bits that are not all 1 need no stuffing: the byte takes an eighth bit.
                afterLarge = false;
                continue;
            }
            buffer[Length++] = (byte)Pending;
            afterLarge = Pending > 0x8F;
            Pending = 0;
            used = 0;
        }
    }

    /// <summary>Appends the pending byte as it is.</summary>
    public void FlushPending() => buffer[Length++] = (byte)Pending;
}
