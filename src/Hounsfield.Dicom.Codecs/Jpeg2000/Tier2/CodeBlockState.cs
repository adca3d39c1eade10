using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>
/// One code-block of a precinct as tier-2 sees it: its area in subband coordinates, the packet header
/// state (inclusion, Lblock, passes so far) and the codeword segments gathered from the packets.
/// </summary>
internal sealed class CodeBlockState(int x0, int y0, int x1, int y1)
{
    /// <summary>Left edge in subband coordinates.</summary>
    public int X0 { get; } = x0;

    /// <summary>Top edge in subband coordinates.</summary>
    public int Y0 { get; } = y0;

    /// <summary>Width.</summary>
    public int Width { get; } = x1 - x0;

    /// <summary>Height.</summary>
    public int Height { get; } = y1 - y0;

    /// <summary>Whether an earlier packet included the block.</summary>
    public bool Included { get; set; }

    /// <summary>Lblock (B.10.7.1), starting at 3.</summary>
    public int LengthBits { get; set; } = 3;

    /// <summary>Missing most significant bit-planes.</summary>
    public int ZeroBitPlanes { get; set; }

    /// <summary>Coding passes received so far.</summary>
    public int Passes { get; set; }

    /// <summary>Codeword bytes received so far.</summary>
    public byte[] Data => _data;

    private byte[] _data = [];

    /// <summary>Bytes of <see cref="Data"/> in use.</summary>
    public int Length { get; private set; }

    /// <summary>The segments of <see cref="Data"/>.</summary>
    public List<CodeBlockSegment> Segments { get; } = [];

    private bool _open;

    /// <summary>Encoder: the coded block.</summary>
    public EncodedCodeBlock? Encoded { get; set; }

    /// <summary>Encoder: passes included up to and including each layer (cumulative).</summary>
    public int[] LayerPasses { get; set; } = [];

    /// <summary>Appends <paramref name="bytes"/> holding <paramref name="passes"/> passes, the last being pass index <paramref name="lastPass"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes, int passes, int lastPass, CodeBlockStyle style)
    {
        if (Length + bytes.Length > Data.Length)
            Array.Resize(ref _data, Math.Max(Length + bytes.Length, Data.Length * 2));
        bytes.CopyTo(Data.AsSpan(Length));
        Length += bytes.Length;
        if (_open)
        {
            var last = Segments[^1];
            Segments[^1] = new CodeBlockSegment(last.Length + bytes.Length, last.PassCount + passes);
        }
        else
        {
            Segments.Add(new CodeBlockSegment(bytes.Length, passes));
        }
        _open = !CodeBlockSegmentation.EndsSegment(style, lastPass);
    }
}
