namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The adaptive run-length (MEL) decoder of ITU-T T.814 clause 7: turns the MEL bit-stream into significance events.
/// Bits are read most significant first; a byte after 0xFF carries 7 bits. The last MEL byte shares its low
/// nibble with the VLC stream and reads with that nibble set; past the end the stream reads as 0xFF.
/// </summary>
internal ref struct MelDecoder
{
    /// <summary>MEL_E: the run-length exponent for each of the 13 MEL states k (T.814).</summary>
    internal static ReadOnlySpan<byte> Exponents => [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5];

    private readonly ReadOnlySpan<byte> data;
    private readonly int end;
    private int position;
    private int current;
    private int bitsLeft;
    private bool afterFF;
    private int state;
    private int zeros;
    private bool oneAfterZeros;

    /// <summary>Reads the MEL bytes <paramref name="start"/> up to (excluding) <paramref name="end"/>.</summary>
    public MelDecoder(ReadOnlySpan<byte> data, int start, int end)
    {
        this.data = data;
        position = start;
        this.end = end;
    }

    /// <summary>The next event: 1 when the quad (or quad pair) it stands for is significant.</summary>
    public int NextEvent()
    {
        while (true)
        {
            if (zeros > 0)
            {
                zeros--;
                return 0;
            }
            if (oneAfterZeros)
            {
                oneAfterZeros = false;
                return 1;
            }
            int exponent = Exponents[state];
            if (ReadBit() == 1)
            {
                zeros = 1 << exponent;
                state = Math.Min(state + 1, 12);
            }
            else
            {
                var run = 0;
                for (var i = 0; i < exponent; i++)
                    run = (run << 1) | ReadBit();
                zeros = run;
                oneAfterZeros = true;
                state = Math.Max(state - 1, 0);
            }
        }
    }

    private int ReadBit()
    {
        if (bitsLeft == 0)
        {
            var b = 0xFF;
            if (position < end)
                b = position == end - 1 ? data[position] | 0xF : data[position];
            position++;
            bitsLeft = afterFF ? 7 : 8;
            afterFF = b == 0xFF;
            current = b;
        }
        bitsLeft--;
        return (current >> bitsLeft) & 1;
    }
}
