namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>Escape sequences within a value and the returns to the initial state of PS3.5 §6.1.2.5.3.</summary>
public class Iso2022SwitchingTests
{
    private static readonly DicomCharacterSet LatinCyrillic =
        DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 144");

    private static readonly DicomCharacterSet Japanese =
        DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87\\ISO 2022 IR 159");

    [Fact]
    public void Escape_switches_g1_within_a_value()
    {
        Assert.Equal("Mü Ии", LatinCyrillic.Decode(Hex.Parse("'M' FC 20 ESC 2D 4C B8 D8"), DicomVR.LT));
        Assert.Equal(
            Hex.Format(Hex.Parse("'M' FC 20 ESC 2D 4C B8 D8")),
            Hex.Format(LatinCyrillic.Encode("Mü Ии", DicomVR.LT)));
    }

    [Fact]
    public void Switching_back_and_forth_uses_one_escape_per_change()
    {
        var encoded = LatinCyrillic.Encode("üИüИ", DicomVR.LT);
        Assert.Equal(Hex.Format(Hex.Parse("FC ESC 2D 4C B8 ESC 2D 41 FC ESC 2D 4C B8")), Hex.Format(encoded));
        Assert.Equal("üИüИ", LatinCyrillic.Decode(encoded, DicomVR.LT));
    }

    [Fact]
    public void Value_delimiter_resets_g1_in_multi_valued_vrs_only()
    {
        var bytes = Hex.Parse("ESC 2D 4C B8 5C B8");
        // After '\' G1 is back to value 1's Latin-1, where B8 is CEDILLA.
        Assert.Equal("И\\¸", LatinCyrillic.Decode(bytes, DicomVR.LO));
        // LT is single-valued: '\' is an ordinary character and the designation stays.
        Assert.Equal("И\\И", LatinCyrillic.Decode(bytes, DicomVR.LT));

        Assert.Equal(Hex.Format(Hex.Parse("ESC 2D 4C B8 5C ESC 2D 4C B8")), Hex.Format(LatinCyrillic.Encode("И\\И", DicomVR.LO)));
        Assert.Equal(Hex.Format(Hex.Parse("ESC 2D 4C B8 5C B8")), Hex.Format(LatinCyrillic.Encode("И\\И", DicomVR.LT)));
    }

    [Theory]
    [InlineData((byte)'^')]
    [InlineData((byte)'=')]
    public void Person_name_delimiters_reset_only_in_pn(byte delimiter)
    {
        var bytes = new byte[] { 0x1B, 0x2D, 0x4C, 0xB8, delimiter, 0xB8 };
        var d = (char)delimiter;
        Assert.Equal($"И{d}¸", LatinCyrillic.Decode(bytes, DicomVR.PN));
        Assert.Equal($"И{d}И", LatinCyrillic.Decode(bytes, DicomVR.LO));
    }

    [Theory]
    [InlineData(0x0D)]
    [InlineData(0x0A)]
    [InlineData(0x0C)]
    [InlineData(0x09)]
    public void Cr_lf_ff_and_tab_reset_in_every_vr(int control)
    {
        var bytes = new byte[] { 0x1B, 0x2D, 0x4C, 0xB8, (byte)control, 0xB8 };
        Assert.Equal($"И{(char)control}¸", LatinCyrillic.Decode(bytes, DicomVR.LT));
        Assert.Equal($"И{(char)control}¸", LatinCyrillic.Decode(bytes, DicomVR.UT));
        Assert.Equal(Hex.Format(Hex.Parse($"ESC 2D 4C B8 {control:X2} ESC 2D 4C B8")),
            Hex.Format(LatinCyrillic.Encode($"И{(char)control}И", DicomVR.ST)));
    }

    [Fact]
    public void Line_break_returns_a_multi_byte_g0_to_ascii()
    {
        // Without the reset, 'AB' would pair up as one JIS X 0208 character.
        Assert.Equal("山\r\nAB", Japanese.Decode(Hex.Parse("ESC 24 42 3B 33 0D 0A 'AB'"), DicomVR.LT));
        // The encoder returns G0 to ASCII before the line break, as §6.1.2.5.3 requires.
        Assert.Equal(
            Hex.Format(Hex.Parse("ESC 24 42 3B 33 ESC 28 42 0D 0A 'AB'")),
            Hex.Format(Japanese.Encode("山\r\nAB", DicomVR.LT)));
    }

    [Fact]
    public void Multi_valued_japanese_returns_to_ascii_before_each_backslash()
    {
        var encoded = Japanese.Encode("山田\\太郎", DicomVR.LO);
        Assert.Equal(Hex.Format(Hex.Parse("ESC 24 42 3B 33 45 44 ESC 28 42 5C ESC 24 42 42 40 4F 3A ESC 28 42")), Hex.Format(encoded));
        Assert.Equal("山田\\太郎", Japanese.Decode(encoded, DicomVR.LO));
    }

    [Fact]
    public void Each_person_name_component_group_decodes_with_its_own_sets()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87\\ISO 2022 IR 149");
        var text = "Kim^Yamada=山田^홍=やまだ^길동";
        var encoded = charset.Encode(text, DicomVR.PN);
        Assert.Equal(text, charset.Decode(encoded, DicomVR.PN));
        var groups = charset.Decode(encoded, DicomVR.PN).Split('=');
        Assert.Equal(["Kim^Yamada", "山田^홍", "やまだ^길동"], groups);
    }

    [Fact]
    public void Jis_x_0212_is_reached_through_its_own_escape()
    {
        // 丂 (U+4E02) is the first kanji of JIS X 0212, 0x3021; it is not in JIS X 0208.
        var encoded = Japanese.Encode("山丂", DicomVR.PN);
        Assert.Equal(Hex.Format(Hex.Parse("ESC 24 42 3B 33 ESC 24 28 44 30 21 ESC 28 42")), Hex.Format(encoded));
        Assert.Equal("山丂", Japanese.Decode(encoded, DicomVR.PN));
        Assert.Equal("˘", Japanese.Decode(Hex.Parse("ESC 24 28 44 22 2F ESC 28 42"), DicomVR.PN));
    }

    [Fact]
    public void Space_inside_a_multi_byte_run_is_read_but_not_written()
    {
        // PS3.5 H.2: unlike ISO-2022-JP-2, DICOM needs no escape to single-byte before SPACE ...
        Assert.Equal("山 田", Japanese.Decode(Hex.Parse("ESC 24 42 3B 33 20 45 44 ESC 28 42"), DicomVR.LO));
        // ... but strict ISO-2022-JP readers reject it, so the encoder returns to ASCII first.
        Assert.Equal(
            Hex.Format(Hex.Parse("ESC 24 42 3B 33 ESC 28 42 20 ESC 24 42 45 44 ESC 28 42")),
            Hex.Format(Japanese.Encode("山 田", DicomVR.LO)));
        // U+3000 IDEOGRAPHIC SPACE, the usual space in Japanese text, is a JIS X 0208 character.
        Assert.Equal(Hex.Format(Hex.Parse("ESC 24 42 3B 33 21 21 45 44 ESC 28 42")), Hex.Format(Japanese.Encode("山\u3000田", DicomVR.LO)));
    }

    [Fact]
    public void Escapes_for_sets_not_declared_are_still_read()
    {
        // The bytes leave no doubt about the set, so undeclared designations are honoured on reading.
        var latin = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100");
        Assert.Equal("Ωü", latin.Decode(Hex.Parse("ESC 2D 46 D9 ESC 2D 41 FC"), DicomVR.LO));
        Assert.Equal("山", latin.Decode(Hex.Parse("ESC 24 42 3B 33 ESC 28 42"), DicomVR.LO));
    }

    [Fact]
    public void Escapes_are_not_interpreted_without_code_extensions()
    {
        var latin = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");
        Assert.Equal("\u001B$B;3", latin.Decode(Hex.Parse("ESC 24 42 3B 33"), DicomVR.LO));
    }

    [Fact]
    public void Encoder_picks_sets_in_the_order_of_the_values()
    {
        // 'Ä' is in Latin-1 (value 1, G1 from the start) and in Latin-4; no escape is needed.
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 110");
        Assert.Equal("C4", Hex.Format(charset.Encode("Ä", DicomVR.LO)));
        // 'ā' is only in Latin-4.
        Assert.Equal(Hex.Format(Hex.Parse("ESC 2D 44 E0")), Hex.Format(charset.Encode("ā", DicomVR.LO)));
    }

    [Fact]
    public void Korean_in_value_1_is_still_designated_explicitly_when_writing()
    {
        // Value 1 'ISO 2022 IR 149' puts KS X 1001 in G1 from the start, and files relying on that
        // are read; on writing the escape is spelled out as in PS3.5 Annex I.
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 149");
        Assert.Equal("홍", charset.Decode(Hex.Parse("C8 AB"), DicomVR.PN));
        Assert.Equal(Hex.Format(Hex.Parse("ESC 24 29 43 C8 AB")), Hex.Format(charset.Encode("홍", DicomVR.PN)));
    }

    [Fact]
    public void Korean_bytes_after_a_reset_without_new_escape_are_read_with_the_declared_set()
    {
        // Strictly G1 is empty after '^'; real files often omit the repeated escape.
        var charset = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 149");
        Assert.Equal("홍^길동", charset.Decode(Hex.Parse("ESC 24 29 43 C8 AB 5E B1 E6 B5 BF"), DicomVR.PN));
    }

    [Fact]
    public void Chinese_and_korean_share_g1_by_switching()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 58\\ISO 2022 IR 149");
        var encoded = charset.Encode("张홍张", DicomVR.LO);
        Assert.Equal(Hex.Format(Hex.Parse("ESC 24 29 41 D5 C5 ESC 24 29 43 C8 AB ESC 24 29 41 D5 C5")), Hex.Format(encoded));
        Assert.Equal("张홍张", charset.Decode(encoded, DicomVR.LO));
    }
}
