using System.Buffers;

namespace Hounsfield.Dicom;

/// <summary>
/// Decodes a value in an ISO 2022 profile (PS3.5 §6.1.2.5): escape sequences designate sets into
/// G0 and G1, GL bytes read from G0 and GR bytes from G1, and the state returns to the initial one
/// at each reset character. Every branch consumes at least one byte, so malformed input cannot
/// stall the loop, and anything undecodable becomes U+FFFD rather than an exception.
/// </summary>
internal static class Iso2022Decoder
{
    private const byte Esc = 0x1B;
    private const int StackChars = 256;
    private const int Slack = 8;

    public static string Decode(ReadOnlySpan<byte> bytes, Iso2022Profile profile, DicomVR vr)
    {
        var multiValued = vr.IsMultiValuedString();
        var personName = vr == DicomVR.PN;

        // Every byte yields at most one character; the slack covers the code pages' GetMaxCharCount,
        // which asks for one more than a run needs, so the buffer never has to grow.
        var capacity = bytes.Length + Slack;
        char[]? rented = capacity > StackChars ? ArrayPool<char>.Shared.Rent(capacity) : null;
        Span<char> initial = rented is null ? stackalloc char[StackChars] : rented;
        var output = new CharBuilder(initial, rented);
        try
        {
            CodeElement g0 = profile.InitialG0;
            var g1 = profile.InitialG1;
            var i = 0;
            while (i < bytes.Length)
            {
                var b = bytes[i];
                if (b < 0x20 || b == 0x7F)
                {
                    if (b == Esc && profile.CodeExtensions)
                    {
                        i += CodeElements.ParseEscape(bytes[i..], out var element, out var slot);
                        if (element is null) output.Append(CodePages.ReplacementCharacter);
                        else if (slot == CodeSlot.G0) g0 = element;
                        else g1 = element;
                        continue;
                    }
                    output.Append((char)b);
                    i++;
                    if (Iso2022Profile.IsReset(b, multiValued, personName))
                    {
                        g0 = profile.InitialG0;
                        g1 = profile.InitialG1;
                    }
                    continue;
                }

                if (b == 0x20)
                {
                    // SPACE is outside every 94-set; DICOM allows it inside a multi-byte run (PS3.5 H.2).
                    output.Append(' ');
                    i++;
                    continue;
                }

                if (b < 0x80)
                {
                    if (g0 is DoubleByteCodeElement wideG0)
                    {
                        var run = RunLength(bytes, i, 0x21, 0x7E);
                        wideG0.Decode(bytes.Slice(i, run), ref output);
                        i += run;
                        continue;
                    }
                    var narrowG0 = (SingleByteCodeElement)g0;
                    i++;
                    if (narrowG0.CarriesDelimiters && Iso2022Profile.IsReset(b, multiValued, personName))
                    {
                        // A delimiter is the ASCII character even in Romaji, where 05/12 is otherwise YEN SIGN.
                        output.Append((char)b);
                        g0 = profile.InitialG0;
                        g1 = profile.InitialG1;
                        continue;
                    }
                    output.Append(narrowG0.Decode(b));
                    continue;
                }

                if (b < 0xA0)
                {
                    // C1 control area of an 8-bit ISO 2022 code; kept as the same code point, as ISO 8859 decoders do.
                    output.Append((char)b);
                    i++;
                    continue;
                }

                var set = g1 ?? profile.FallbackG1;
                if (set is DoubleByteCodeElement wideG1)
                {
                    var run = RunLength(bytes, i, 0xA1, 0xFE);
                    if (run == 0)
                    {
                        output.Append(CodePages.ReplacementCharacter);
                        i++;
                        continue;
                    }
                    wideG1.Decode(bytes.Slice(i, run), ref output);
                    i += run;
                    continue;
                }
                output.Append(((SingleByteCodeElement)set).Decode(b));
                i++;
            }
            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    private static int RunLength(ReadOnlySpan<byte> bytes, int start, byte low, byte high)
    {
        var end = bytes[start..].IndexOfAnyExceptInRange(low, high);
        return end < 0 ? bytes.Length - start : end;
    }
}
