namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>The single-byte terms of PS3.3 Table C.12-2, checked against code points of each ISO 8859 part, TIS 620 and JIS X 0201.</summary>
public class SingleByteCharacterSetTests
{
    public static TheoryData<string, string, string> KnownCodePoints => new()
    {
        { "ISO_IR 100", "4D FC 6C 6C 65 72 5E 4A E9 72 F4 6D 65", "Müller^Jérôme" },
        { "ISO_IR 101", "44 76 6F F8 E1 6B 5E C8 65 6E EC 6B", "Dvořák^Čeněk" },
        { "ISO_IR 109", "A1 61 6C 20 BF 65 62 62 75 67 5E D8", "Ħal żebbug^Ĝ" },
        { "ISO_IR 110", "52 EF 67 61 5E C0 BA FE", "Rīga^Āēū" },
        { "ISO_IR 144", "B8 D2 D0 DD DE D2 5E BF F1 E2 E0", "Иванов^Пётр" },
        { "ISO_IR 127", "D9 E4 C7 C1", "علاء" },
        { "ISO_IR 126", "C4 E9 EF ED F5 F3 E9 EF F2 5E D9", "Διονυσιος^Ω" },
        { "ISO_IR 138", "F9 F8 E5 EF 5E E0 FA", "שרון^את" },
        { "ISO_IR 148", "C7 61 F0 72 FD 5E DD FE", "Çağrı^İş" },
        { "ISO_IR 203", "BD 75 76 72 65 20 31 30 A4 20 A6 BE", "œuvre 10€ ŠŸ" },
        { "ISO_IR 166", "CA C1 AA D2 C2 5E A1", "สมชาย^ก" },
        { "ISO_IR 13", "D4 CF C0 DE 5E C0 DB B3", "ﾔﾏﾀﾞ^ﾀﾛｳ" },
    };

    [Theory]
    [MemberData(nameof(KnownCodePoints))]
    public void Decodes_and_encodes_known_code_points(string term, string bytes, string text)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(term);
        Assert.Empty(charset.Warnings);
        Assert.False(charset.UsesCodeExtensions);
        Assert.Equal(text, charset.Decode(Hex.Parse(bytes), DicomVR.PN));
        Assert.Equal(Hex.Format(Hex.Parse(bytes)), Hex.Format(charset.Encode(text, DicomVR.PN)));
    }

    [Theory]
    [MemberData(nameof(KnownCodePoints))]
    public void Code_extension_form_reads_the_same_bytes_without_escapes(string term, string bytes, string text)
    {
        // ISO 2022 IR n as value 1 has the same G0 and G1 as ISO_IR n from the start.
        var charset = DicomCharacterSet.FromSpecificCharacterSet(term.Replace("ISO_IR ", "ISO 2022 IR "));
        Assert.Empty(charset.Warnings);
        Assert.True(charset.UsesCodeExtensions);
        Assert.Equal(text, charset.Decode(Hex.Parse(bytes), DicomVR.PN));
        Assert.Equal(Hex.Format(Hex.Parse(bytes)), Hex.Format(charset.Encode(text, DicomVR.PN)));
    }

    [Fact]
    public void Every_byte_of_latin1_round_trips()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");
        var bytes = new byte[256];
        for (var i = 0; i < 256; i++) bytes[i] = (byte)i;
        var text = charset.Decode(bytes, DicomVR.LT);
        Assert.Equal(256, text.Length);
        for (var i = 0; i < 256; i++) Assert.Equal((char)i, text[i]);
        Assert.Equal(bytes, charset.Encode(text, DicomVR.LT));
    }

    [Theory]
    [InlineData("ISO_IR 101")]
    [InlineData("ISO_IR 109")]
    [InlineData("ISO_IR 110")]
    [InlineData("ISO_IR 144")]
    [InlineData("ISO_IR 126")]
    [InlineData("ISO_IR 148")]
    [InlineData("ISO_IR 203")]
    public void Every_high_byte_of_a_full_iso8859_part_round_trips(string term)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(term);
        for (var b = 0xA0; b <= 0xFF; b++)
        {
            var text = charset.Decode([(byte)b], DicomVR.LO);
            if (text == "\uFFFD") continue; // ISO-IR 109 leaves a few positions unassigned
            Assert.Equal([(byte)b], charset.Encode(text, DicomVR.LO));
        }
    }

    [Fact]
    public void Default_repertoire_reads_stray_high_bytes_as_latin1_but_encodes_only_ascii()
    {
        var charset = DicomCharacterSet.Default;
        Assert.Empty(charset.Terms);
        Assert.Equal("Müller", charset.Decode(Hex.Parse("4D FC 6C 6C 65 72"), DicomVR.PN));
        Assert.Equal("M?ller", System.Text.Encoding.ASCII.GetString(charset.Encode("Müller", DicomVR.PN)));
        Assert.False(charset.CanEncode("Müller", DicomVR.PN));
        Assert.True(charset.CanEncode("Muller", DicomVR.PN));
    }

    [Fact]
    public void Characters_missing_from_the_set_become_question_marks()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");
        Assert.Equal("4D FC 20 3F", Hex.Format(charset.Encode("Mü Ж", DicomVR.LO)));
        Assert.False(charset.CanEncode("Ж", DicomVR.LO));
        // A surrogate pair is one character and becomes one '?'.
        Assert.Equal("3F", Hex.Format(charset.Encode("😀", DicomVR.LO)));
    }

    [Fact]
    public void Thai_encoding_stays_within_tis620()
    {
        // windows-874 has '€' at 0x80, but in TIS 620 that is a C1 control position.
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 166");
        Assert.Equal("3F", Hex.Format(charset.Encode("€", DicomVR.LO)));
        Assert.Equal("\u0080", charset.Decode([0x80], DicomVR.LO));
    }

    [Fact]
    public void Romaji_reads_yen_and_overline_except_where_05_12_delimits_values()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 13");
        // PS3.5 H.1.1: 05/12 is YEN SIGN and 07/14 OVERLINE in ISO-IR 14 ...
        Assert.Equal("¥100‾", charset.Decode(Hex.Parse("5C '100' 7E"), DicomVR.LT));
        Assert.Equal([0x5C, 0x31], charset.Encode("¥1", DicomVR.LT));
        // ... but in SH, LO, PN and UC it separates values (Note 3).
        Assert.Equal("A\\B", charset.Decode(Hex.Parse("41 5C 42"), DicomVR.LO));
        Assert.Equal("A\\ｱ", charset.Decode(Hex.Parse("41 5C B1"), DicomVR.PN));
        Assert.Equal([0x41, 0x5C, 0xB1], charset.Encode("A\\ｱ", DicomVR.PN));
        Assert.Equal("3F", Hex.Format(charset.Encode("¥", DicomVR.LO)));
        Assert.False(charset.CanEncode("¥", DicomVR.LO));
    }

    [Fact]
    public void Ascii_text_encodes_as_ascii_even_in_romaji()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 13");
        Assert.Equal(Hex.Parse("'a~b'"), charset.Encode("a~b", DicomVR.LT));
        // The byte is ASCII but the set reads it as OVERLINE, so the text does not survive.
        Assert.False(charset.CanEncode("a~b", DicomVR.LT));
    }

    [Fact]
    public void Romaji_switches_to_declared_ascii_for_backslash_and_tilde()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 13\\ISO 2022 IR 6");
        var encoded = charset.Encode("a~b", DicomVR.LT);
        Assert.Equal(Hex.Format(Hex.Parse("'a' ESC 28 42 '~b' ESC 28 4A")), Hex.Format(encoded));
        Assert.Equal("a~b", charset.Decode(encoded, DicomVR.LT));
        Assert.True(charset.CanEncode("C:\\dir~1", DicomVR.LT));
        Assert.Equal("C:\\dir~1", charset.Decode(charset.Encode("C:\\dir~1", DicomVR.LT), DicomVR.LT));
    }
}
