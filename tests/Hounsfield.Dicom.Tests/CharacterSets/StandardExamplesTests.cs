namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>
/// The worked examples of PS3.5 Annexes H (Japanese), I (Korean), J (UTF-8, GB18030) and K (GB 2312),
/// byte for byte: each must decode to the example's text, and encoding that text must give the
/// example's bytes (less any trailing padding), since the examples use the minimal escapes.
/// </summary>
public class StandardExamplesTests
{
    public static TheoryData<string, string, string, string> Examples => new()
    {
        // H.3-1: value 1 empty (ISO-IR 6), JIS X 0208 in each ideographic and phonetic component.
        {
            "\\ISO 2022 IR 87", "PN",
            "'Yamada^Tarou=' ESC 24 42 3B 33 45 44 ESC 28 42 '^' ESC 24 42 42 40 4F 3A ESC 28 42 '=' " +
            "ESC 24 42 24 64 24 5E 24 40 ESC 28 42 '^' ESC 24 42 24 3F 24 6D 24 26 ESC 28 42",
            "Yamada^Tarou=山田^太郎=やまだ^たろう"
        },
        // H.3-2: value 1 ISO 2022 IR 13, so halfwidth katakana in G1 from the start and Romaji (ESC ( J) as the set to return to.
        {
            "ISO 2022 IR 13\\ISO 2022 IR 87", "PN",
            "D4 CF C0 DE 5E C0 DB B3 3D ESC 24 42 3B 33 45 44 ESC 28 4A 5E ESC 24 42 42 40 4F 3A ESC 28 4A 3D " +
            "ESC 24 42 24 64 24 5E 24 40 ESC 28 4A 5E ESC 24 42 24 3F 24 6D 24 26 ESC 28 4A",
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"
        },
        // I.2: KS X 1001 in G1, designated again in each component that uses it.
        {
            "\\ISO 2022 IR 149", "PN",
            "'Hong^Gildong=' ESC 24 29 43 FB F3 '^' ESC 24 29 43 D1 CE D4 D7 '=' ESC 24 29 43 C8 AB '^' ESC 24 29 43 B1 E6 B5 BF",
            "Hong^Gildong=洪^吉洞=홍^길동"
        },
        // J.1: UTF-8.
        {
            "ISO_IR 192", "PN",
            "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D E7 8E 8B 5E E5 B0 8F E6 9D B1 3D",
            "Wang^XiaoDong=王^小東="
        },
        // J.2: UTF-8 long text.
        {
            "ISO_IR 192", "LT",
            "54 68 65 20 66 69 72 73 74 20 6C 69 6E 65 20 69 6E 63 6C 75 64 65 73 E4 B8 AD E6 96 87 2E 0D 0A " +
            "54 68 65 20 73 65 63 6F 6E 64 20 6C 69 6E 65 20 69 6E 63 6C 75 64 65 73 E4 B8 AD E6 96 87 2C 20 74 6F 6F 2E 0D 0A " +
            "54 68 65 20 74 68 69 72 64 20 6C 69 6E 65 2E 0D 0A",
            "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n"
        },
        // J.3: GB18030.
        {
            "GB18030", "PN",
            "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D CD F5 5E D0 A1 B6 AB 3D",
            "Wang^XiaoDong=王^小东="
        },
        // J.4: GB18030 long text.
        {
            "GB18030", "LT",
            "54 68 65 20 66 69 72 73 74 20 6C 69 6E 65 20 69 6E 63 6C 75 64 65 73 D6 D0 CE C4 2E 0D 0A " +
            "54 68 65 20 73 65 63 6F 6E 64 20 6C 69 6E 65 20 69 6E 63 6C 75 64 65 73 D6 D0 CE C4 2C 20 74 6F 6F 2E 0D 0A " +
            "54 68 65 20 74 68 69 72 64 20 6C 69 6E 65 2E 0D 0A",
            "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n"
        },
        // J.3 read as GBK: the examples lie in the area GBK shares with GB18030 (PS3.5 Annex J).
        {
            "GBK", "PN",
            "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D CD F5 5E D0 A1 B6 AB 3D",
            "Wang^XiaoDong=王^小东="
        },
        // K.2: GB 2312 in G1 (trailing 0x20 of the example is padding, left out here).
        {
            "\\ISO 2022 IR 58", "PN",
            "5A 68 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D ESC 24 29 41 D5 C5 5E ESC 24 29 41 D0 A1 B6 AB 3D",
            "Zhang^XiaoDong=张^小东="
        },
        // K.3: GB 2312 long text, designated again after each CR LF.
        {
            "\\ISO 2022 IR 58", "LT",
            "31 2E ESC 24 29 41 B5 DA D2 BB D0 D0 CE C4 D7 D6 A1 A3 0D 0A " +
            "32 2E ESC 24 29 41 B5 DA B6 FE D0 D0 CE C4 D7 D6 A1 A3 0D 0A " +
            "33 2E ESC 24 29 41 B5 DA C8 FD D0 D0 CE C4 D7 D6 A1 A3 0D 0A",
            "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n"
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Decodes_standard_example(string specificCharacterSet, string vr, string bytes, string text)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);
        Assert.Empty(charset.Warnings);
        Assert.Equal(text, charset.Decode(Hex.Parse(bytes), Parse(vr)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Encodes_standard_example_byte_for_byte(string specificCharacterSet, string vr, string bytes, string text)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);
        var encoded = charset.Encode(text, Parse(vr));
        Assert.Equal(Hex.Format(Hex.Parse(bytes)), Hex.Format(encoded));
        Assert.True(charset.CanEncode(text, Parse(vr)));
    }

    [Fact]
    public void Korean_long_text_with_escape_at_line_start_decodes()
    {
        // I.3-1 puts the escape at the head of each line rather than before the Hangul; both are valid.
        var charset = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 149");
        var bytes = Hex.Parse(
            "ESC 24 29 43 'The first line includes ' C7 D1 B1 DB '.' 0D 0A " +
            "ESC 24 29 43 'The second line includes ' C7 D1 B1 DB ', too.' 0D 0A " +
            "'The third line'");
        Assert.Equal(
            "The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line",
            charset.Decode(bytes, DicomVR.LT));
    }

    internal static DicomVR Parse(string vr) =>
        DicomVRExtensions.TryParse(vr, out var parsed) ? parsed : throw new ArgumentException(vr);
}
