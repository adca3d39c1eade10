namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The MEL adaptive run-length coder (ITU-T T.814 clause 7), encoding side: runs of 0 events, bits most
/// significant first, a byte after 0xFF holds 7 bits. The mirror of <see cref="MelDecoder"/>.
/// </summary>
internal ref struct MelEncoder
{
    private readonly Span<byte> buffer;
    private int remaining;
    private int pending;
    private int run;
    private int state;

    /// <summary>Writes into <paramref name="buffer"/>.</summary>
    public MelEncoder(Span<byte> buffer)
    {
        this.buffer = buffer;
        remaining = 8;
    }

    /// <summary>Bytes completed so far.</summary>
    public int Length { get; private set; }

    /// <summary>Bits waiting in the last byte, aligned to its most significant end by <see cref="Flush"/>.</summary>
    public readonly int Pending => pending;

    /// <summary>Unused low bits of the pending byte.</summary>
    public readonly int Remaining => remaining;

    /// <summary>Codes one event (true: significant).</summary>
    public void Encode(bool significant)
    {
        int exponent = MelDecoder.Exponents[state];
        if (!significant)
        {
            if (++run < 1 << exponent)
                return;
            EmitBit(1);
            run = 0;
            state = Math.Min(state + 1, 12);
            return;
        }
        EmitBit(0);
        for (var i = exponent - 1; i >= 0; i--)
            EmitBit((run >> i) & 1);
        run = 0;
        state = Math.Max(state - 1, 0);
    }

    /// <summary>Ends the stream: an open run is closed as a complete one (the decoder never reads past its events).</summary>
    public void Flush()
    {
        if (run > 0)
            EmitBit(1);
        pending <<= remaining;
    }

    /// <summary>Appends a finished byte.</summary>
    public void Append(int b) => buffer[Length++] = (byte)b;

    private void EmitBit(int bit)
    {
        pending = (pending << 1) | bit;
        if (--remaining > 0)
            return;
        Append(pending);
        remaining = pending == 0xFF ? 7 : 8;
        pending = 0;
    }
}
