namespace Hounsfield.Dicom;

/// <summary>
/// The code elements DICOM uses (PS3.3 Tables C.12-2 to C.12-4) and the escape sequences that
/// designate them. The decoder accepts any of these sequences even when (0008,0005) did not declare
/// the set, because the bytes say unambiguously what was meant.
/// </summary>
internal static class CodeElements
{
    private const byte Esc = 0x1B;
    private const int MaxIntermediates = 3;

    public static readonly SingleByteCodeElement Ascii = SingleByteCodeElement.CreateAscii();
    public static readonly SingleByteCodeElement JisRoman = SingleByteCodeElement.CreateJisRoman();
    public static readonly SingleByteCodeElement JisKatakana = SingleByteCodeElement.CreateJisKatakana();

    public static readonly SingleByteCodeElement Latin1 = SingleByteCodeElement.CreateFromCodePage("ISO-IR 100", 'A', CodePages.Latin1);
    public static readonly SingleByteCodeElement Latin2 = SingleByteCodeElement.CreateFromCodePage("ISO-IR 101", 'B', 28592);
    public static readonly SingleByteCodeElement Latin3 = SingleByteCodeElement.CreateFromCodePage("ISO-IR 109", 'C', 28593);
    public static readonly SingleByteCodeElement Latin4 = SingleByteCodeElement.CreateFromCodePage("ISO-IR 110", 'D', 28594);
    public static readonly SingleByteCodeElement Greek = SingleByteCodeElement.CreateFromCodePage("ISO-IR 126", 'F', 28597);
    public static readonly SingleByteCodeElement Arabic = SingleByteCodeElement.CreateFromCodePage("ISO-IR 127", 'G', 28596);
    public static readonly SingleByteCodeElement Hebrew = SingleByteCodeElement.CreateFromCodePage("ISO-IR 138", 'H', 28598);
    public static readonly SingleByteCodeElement Cyrillic = SingleByteCodeElement.CreateFromCodePage("ISO-IR 144", 'L', 28595);
    public static readonly SingleByteCodeElement Latin5 = SingleByteCodeElement.CreateFromCodePage("ISO-IR 148", 'M', 28599);
    // TIS 620 has no .NET code page of its own; windows-874 agrees with it on 0xA0-0xFF and its
    // additions at 0x80-0x9F are never read from here (that range is C1 controls in ISO 2022).
    public static readonly SingleByteCodeElement Thai = SingleByteCodeElement.CreateFromCodePage("ISO-IR 166", 'T', 874);
    public static readonly SingleByteCodeElement Latin9 = SingleByteCodeElement.CreateFromCodePage("ISO-IR 203", 'b', 28605);

    public static readonly DoubleByteCodeElement JisX0208 =
        new("ISO-IR 87", CodeSlot.G0, [Esc, (byte)'$', (byte)'B'], CodePages.EucJp, secondByteHigh: true);
    public static readonly DoubleByteCodeElement JisX0212 =
        new("ISO-IR 159", CodeSlot.G0, [Esc, (byte)'$', (byte)'(', (byte)'D'], CodePages.EucJp, secondByteHigh: false);
    public static readonly DoubleByteCodeElement KsX1001 =
        new("ISO-IR 149", CodeSlot.G1, [Esc, (byte)'$', (byte)')', (byte)'C'], CodePages.Korean, secondByteHigh: true);
    public static readonly DoubleByteCodeElement Gb2312 =
        new("ISO-IR 58", CodeSlot.G1, [Esc, (byte)'$', (byte)')', (byte)'A'], CodePages.Gbk, secondByteHigh: true);

    /// <summary>
    /// Reads an escape sequence at the start of <paramref name="bytes"/> (which begins with ESC).
    /// Returns the number of bytes it spans, always at least 1 so a caller can never stall: a
    /// well-formed ISO 2022 sequence (ESC, intermediates 02/00-02/15, final 03/00-07/14) spans all
    /// its bytes even when unknown, a truncated or malformed one spans only the ESC.
    /// <paramref name="element"/> is null unless the sequence designates a known set.
    /// </summary>
    public static int ParseEscape(ReadOnlySpan<byte> bytes, out CodeElement? element, out CodeSlot slot)
    {
        element = null;
        slot = CodeSlot.G0;
        // DICOM's sequences have one or two intermediates; more means garbage, and the cap keeps a
        // long run of 02/xx bytes after a stray ESC from being scanned as one sequence.
        var end = 1;
        while (end < bytes.Length && end <= MaxIntermediates && bytes[end] is >= 0x20 and <= 0x2F) end++;
        if (end == 1 || end >= bytes.Length || bytes[end] is < 0x30 or > 0x7E) return 1;
        var intermediates = bytes[1..end];
        var final = (char)bytes[end];
        var length = end + 1;

        if (intermediates.Length == 1)
        {
            switch ((char)intermediates[0])
            {
                case '(':
                    slot = CodeSlot.G0;
                    element = final switch { 'B' => Ascii, 'J' => JisRoman, 'I' => JisKatakana, _ => null };
                    break;
                case ')':
                    slot = CodeSlot.G1;
                    element = final switch { 'I' => JisKatakana, 'J' => JisRoman, _ => null };
                    break;
                case '-':
                    slot = CodeSlot.G1;
                    element = Find96Set(final);
                    break;
                case '$':
                    // ISO 2022 omits the '(' of a G0 multi-byte designation for finals 04/00-04/02.
                    slot = CodeSlot.G0;
                    element = final switch { '@' or 'B' => JisX0208, 'A' => Gb2312, _ => null };
                    break;
            }
        }
        else if (intermediates.Length == 2 && intermediates[0] == (byte)'$' && intermediates[1] is (byte)'(' or (byte)')')
        {
            slot = intermediates[1] == (byte)'(' ? CodeSlot.G0 : CodeSlot.G1;
            element = FindMultiByteSet(final);
        }
        return length;
    }

    private static SingleByteCodeElement? Find96Set(char final) => final switch
    {
        'A' => Latin1,
        'B' => Latin2,
        'C' => Latin3,
        'D' => Latin4,
        'F' => Greek,
        'G' => Arabic,
        'H' => Hebrew,
        'L' => Cyrillic,
        'M' => Latin5,
        'T' => Thai,
        'b' => Latin9,
        _ => null,
    };

    private static DoubleByteCodeElement? FindMultiByteSet(char final) => final switch
    {
        '@' or 'B' => JisX0208,
        'D' => JisX0212,
        'C' => KsX1001,
        'A' => Gb2312,
        _ => null,
    };
}
