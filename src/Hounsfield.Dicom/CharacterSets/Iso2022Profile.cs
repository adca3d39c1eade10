using System.Buffers;

namespace Hounsfield.Dicom;

/// <summary>
/// What one value of (0008,0005) means for the byte-oriented character sets: the initial G0 and G1
/// designations (from value 1), the sets the encoder may escape to (values 1..n in order), and
/// whether escapes are allowed at all. Single-valued ISO_IR terms are the degenerate case with no
/// code extensions, so one decoder and one encoder serve every term except ISO_IR 192, GB18030 and GBK.
/// </summary>
internal sealed class Iso2022Profile
{
    private const byte Esc = 0x1B;

    public Iso2022Profile(bool codeExtensions, SingleByteCodeElement initialG0, CodeElement? initialG1, IReadOnlyList<CodeElement> declared)
    {
        CodeExtensions = codeExtensions;
        InitialG0 = initialG0;
        InitialG1 = initialG1;

        // GR bytes with nothing in G1 violate the rules, but real files do it (a Korean file whose
        // escapes were dropped, a Latin-1 file without (0008,0005)); reading them with the declared
        // G1 set, or else Latin-1, keeps every byte instead of turning them into U+FFFD.
        var fallback = initialG1;
        foreach (var element in declared)
        {
            if (fallback is not null) break;
            if (element.Slot == CodeSlot.G1) fallback = element;
        }
        FallbackG1 = fallback ?? CodeElements.Latin1;

        // Write an escape before every multi-byte G1 character run even when value 1 already holds
        // that set, as PS3.5 Annexes I and K do: readers that ignore value 1's G1 still read it.
        EncoderInitialG1 = initialG1 is { IsDoubleByte: true } ? null : initialG1;

        var candidates = new List<CodeElement> { initialG0 };
        if (initialG1 is not null) candidates.Add(initialG1);
        if (codeExtensions)
        {
            foreach (var element in declared)
            {
                if (!candidates.Contains(element)) candidates.Add(element);
            }
        }
        Candidates = [.. candidates];
        CanDesignateAscii = codeExtensions && candidates.Contains(CodeElements.Ascii);
        IsRomajiInitial = initialG0 == CodeElements.JisRoman;

        var plain = new List<byte>(128);
        for (var b = 0; b < 0x80; b++)
        {
            if (b == Esc && codeExtensions) continue;
            if (IsRomajiInitial && b is 0x5C or 0x7E) continue;
            plain.Add((byte)b);
        }
        PlainBytes = SearchValues.Create(plain.ToArray());
    }

    /// <summary>True when escape sequences switch sets (the "ISO 2022 IR n" terms); otherwise ESC is just a control character.</summary>
    public bool CodeExtensions { get; }

    /// <summary>The G0 set at the start of a value and after each reset: ISO-IR 6, or ISO-IR 14 for IR 13.</summary>
    public SingleByteCodeElement InitialG0 { get; }

    /// <summary>The G1 set at the start of a value and after each reset, if value 1 has one.</summary>
    public CodeElement? InitialG1 { get; }

    /// <summary>The set used for GR bytes while G1 holds nothing.</summary>
    public CodeElement FallbackG1 { get; }

    /// <summary>The G1 set the encoder assumes without writing an escape.</summary>
    public CodeElement? EncoderInitialG1 { get; }

    /// <summary>The sets the encoder may use, in the order of the values of (0008,0005).</summary>
    public CodeElement[] Candidates { get; }

    /// <summary>True when ISO-IR 6 was declared, so a Romaji G0 can switch to it for '\' and '~'.</summary>
    public bool CanDesignateAscii { get; }

    /// <summary>True for ISO_IR 13 and ISO 2022 IR 13, whose G0 reads 05/12 and 07/14 as YEN SIGN and OVERLINE.</summary>
    public bool IsRomajiInitial { get; }

    /// <summary>The bytes that decode as themselves from the initial state, for the all-ASCII fast path.</summary>
    public SearchValues<byte> PlainBytes { get; }

    /// <summary>
    /// The characters before which G0 must be back in its initial set and after which G0 and G1 are
    /// back in their initial state (PS3.5 §6.1.2.5.3): CR, LF, FF and TAB always; '\' between values
    /// of multi-valued VRs; '^' and '=' between the components and component groups of PN.
    /// </summary>
    public static bool IsReset(int c, bool multiValued, bool personName) => c switch
    {
        '\r' or '\n' or '\f' or '\t' => true,
        '\\' => multiValued,
        '^' or '=' => personName,
        _ => false,
    };
}
