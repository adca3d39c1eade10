namespace Hounsfield.Dicom;

/// <summary>
/// One Defined Term of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2 Tables C.12-2 to C.12-5:
/// the code elements it designates into G0 and G1, or for the Unicode-style terms the .NET code
/// page that replaces ISO 2022 altogether.
/// </summary>
internal sealed class CharacterSetTerm
{
    private CharacterSetTerm(string definedTerm, bool codeExtensions, CodeElement? g0, CodeElement? g1, int codePage = 0)
    {
        DefinedTerm = definedTerm;
        CodeExtensions = codeExtensions;
        G0 = g0;
        G1 = g1;
        CodePage = codePage;
    }

    public string DefinedTerm { get; }

    /// <summary>True for the "ISO 2022 IR n" terms, which allow escape sequences.</summary>
    public bool CodeExtensions { get; }

    /// <summary>The element this term puts in G0, if any.</summary>
    public CodeElement? G0 { get; }

    /// <summary>The element this term puts in G1, if any.</summary>
    public CodeElement? G1 { get; }

    /// <summary>
    /// For ISO_IR 192, GB18030 and GBK, the code page that decodes whole values; these forbid code
    /// extensions (PS3.5 §6.1.2.5.1 Note 3). Zero for the ISO 2022 family.
    /// </summary>
    public int CodePage { get; }

    /// <summary>True for ISO 2022 IR 87 and 159, which designate G0 and so cannot be the initial set (delimiters live in G0).</summary>
    public bool IsMultiByteG0 => G0 is { IsDoubleByte: true };

    /// <summary>The state when (0008,0005) is absent or value 1 is empty: ISO-IR 6 in G0, nothing in G1.</summary>
    public static readonly CharacterSetTerm DefaultRepertoire = new("ISO_IR 6", codeExtensions: false, CodeElements.Ascii, null);

    private static readonly Dictionary<string, CharacterSetTerm> Terms = Build();

    /// <summary>All Defined Terms, for tests and tooling.</summary>
    public static IEnumerable<string> DefinedTerms => Terms.Keys;

    public static bool TryGet(string definedTerm, out CharacterSetTerm term) => Terms.TryGetValue(definedTerm, out term!);

    private static Dictionary<string, CharacterSetTerm> Build()
    {
        var terms = new Dictionary<string, CharacterSetTerm>(StringComparer.Ordinal);

        void SingleByte(int ir, CodeElement g0, CodeElement? g1)
        {
            // Tables C.12-2 and C.12-3 list the same sets with and without code extensions.
            terms.Add($"ISO_IR {ir}", new CharacterSetTerm($"ISO_IR {ir}", false, g0, g1));
            terms.Add($"ISO 2022 IR {ir}", new CharacterSetTerm($"ISO 2022 IR {ir}", true, g0, g1));
        }

        terms.Add("ISO 2022 IR 6", new CharacterSetTerm("ISO 2022 IR 6", true, CodeElements.Ascii, null));
        SingleByte(100, CodeElements.Ascii, CodeElements.Latin1);
        SingleByte(101, CodeElements.Ascii, CodeElements.Latin2);
        SingleByte(109, CodeElements.Ascii, CodeElements.Latin3);
        SingleByte(110, CodeElements.Ascii, CodeElements.Latin4);
        SingleByte(144, CodeElements.Ascii, CodeElements.Cyrillic);
        SingleByte(127, CodeElements.Ascii, CodeElements.Arabic);
        SingleByte(126, CodeElements.Ascii, CodeElements.Greek);
        SingleByte(138, CodeElements.Ascii, CodeElements.Hebrew);
        SingleByte(148, CodeElements.Ascii, CodeElements.Latin5);
        SingleByte(203, CodeElements.Ascii, CodeElements.Latin9);
        SingleByte(13, CodeElements.JisRoman, CodeElements.JisKatakana);
        SingleByte(166, CodeElements.Ascii, CodeElements.Thai);

        terms.Add("ISO 2022 IR 87", new CharacterSetTerm("ISO 2022 IR 87", true, CodeElements.JisX0208, null));
        terms.Add("ISO 2022 IR 159", new CharacterSetTerm("ISO 2022 IR 159", true, CodeElements.JisX0212, null));
        terms.Add("ISO 2022 IR 149", new CharacterSetTerm("ISO 2022 IR 149", true, null, CodeElements.KsX1001));
        terms.Add("ISO 2022 IR 58", new CharacterSetTerm("ISO 2022 IR 58", true, null, CodeElements.Gb2312));

        terms.Add("ISO_IR 192", new CharacterSetTerm("ISO_IR 192", false, null, null, CodePages.Utf8));
        terms.Add("GB18030", new CharacterSetTerm("GB18030", false, null, null, CodePages.Gb18030));
        terms.Add("GBK", new CharacterSetTerm("GBK", false, null, null, CodePages.Gbk));
        return terms;
    }
}
