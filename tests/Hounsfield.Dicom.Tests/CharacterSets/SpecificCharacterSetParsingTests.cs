namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>Reading (0008,0005): terms, caching, and what happens to unknown or misused terms.</summary>
public class SpecificCharacterSetParsingTests
{
    [Fact]
    public void Every_defined_term_is_known_without_warnings()
    {
        var expected = new[]
        {
            "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126",
            "ISO_IR 138", "ISO_IR 148", "ISO_IR 203", "ISO_IR 13", "ISO_IR 166",
            "ISO 2022 IR 6", "ISO 2022 IR 100", "ISO 2022 IR 101", "ISO 2022 IR 109", "ISO 2022 IR 110",
            "ISO 2022 IR 144", "ISO 2022 IR 127", "ISO 2022 IR 126", "ISO 2022 IR 138", "ISO 2022 IR 148",
            "ISO 2022 IR 203", "ISO 2022 IR 13", "ISO 2022 IR 166",
            "ISO 2022 IR 87", "ISO 2022 IR 159", "ISO 2022 IR 149", "ISO 2022 IR 58",
            "ISO_IR 192", "GB18030", "GBK",
        };
        Assert.Equal(expected.Order(), CharacterSetTerm.DefinedTerms.Order());
        foreach (var term in expected)
        {
            if (term is "ISO 2022 IR 87" or "ISO 2022 IR 159") continue; // cannot be value 1, see below
            var charset = DicomCharacterSet.FromSpecificCharacterSet(term);
            Assert.Empty(charset.Warnings);
            Assert.Equal([term], charset.Terms);
        }
    }

    [Fact]
    public void Absent_or_empty_value_is_the_default_repertoire()
    {
        Assert.Same(DicomCharacterSet.Default, DicomCharacterSet.FromSpecificCharacterSet(null));
        Assert.Same(DicomCharacterSet.Default, DicomCharacterSet.FromSpecificCharacterSet(""));
        Assert.Empty(DicomCharacterSet.FromSpecificCharacterSet("  ").Warnings);
        Assert.False(DicomCharacterSet.Default.UsesCodeExtensions);
    }

    [Fact]
    public void Instances_are_cached_per_value()
    {
        Assert.Same(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100"), DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100"));
        Assert.Same(DicomCharacterSet.Utf8, DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192"));
    }

    [Fact]
    public void Terms_are_trimmed_and_keep_an_empty_value_1()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87 ");
        Assert.Equal(["", "ISO 2022 IR 87"], charset.Terms);
        Assert.Empty(charset.Warnings);
        Assert.True(charset.UsesCodeExtensions);
        Assert.Equal(["ISO_IR 100"], DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100\0").Terms);
        Assert.Equal(["ISO_IR 100"], DicomCharacterSet.FromSpecificCharacterSet(" ISO_IR 100 \\ ").Terms);
    }

    [Fact]
    public void Unknown_single_term_falls_back_to_latin1_with_a_warning()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("XYZ");
        Assert.Equal(["XYZ"], charset.Terms);
        var warning = Assert.Single(charset.Warnings);
        Assert.Contains("XYZ", warning);
        Assert.Contains("ISO_IR 100", warning);
        Assert.Equal("Müller", charset.Decode(Hex.Parse("4D FC 6C 6C 65 72"), DicomVR.PN));
    }

    [Fact]
    public void Unknown_later_term_is_ignored_with_a_warning()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87\\XYZ");
        Assert.Contains(charset.Warnings, w => w.Contains("XYZ"));
        Assert.Equal("山", charset.Decode(Hex.Parse("ESC 24 42 3B 33 ESC 28 42"), DicomVR.PN));
    }

    [Theory]
    [InlineData("iso_ir 100", "Müller")]
    [InlineData("ISO-IR 100", "Müller")]
    [InlineData("ISO_IR_100", "Müller")]
    [InlineData("ISO IR 100", "Müller")]
    [InlineData("ISO-8859-1", "Müller")]
    [InlineData("iso 2022 ir 100", "Müller")]
    public void Misspelled_terms_are_read_with_a_warning(string spelling, string text)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(spelling);
        Assert.Single(charset.Warnings);
        Assert.Equal(text, charset.Decode(Hex.Parse("4D FC 6C 6C 65 72"), DicomVR.PN));
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("ISO-IR 192")]
    public void Misspelled_utf8_is_read_as_utf8(string spelling)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(spelling);
        Assert.Single(charset.Warnings);
        Assert.Equal("山田", charset.Decode(Hex.Parse("E5 B1 B1 E7 94 B0"), DicomVR.PN));
    }

    [Fact]
    public void Iso_ir_6_is_read_as_the_default_repertoire()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 6");
        Assert.Single(charset.Warnings);
        Assert.Equal("abc", charset.Decode("abc"u8, DicomVR.LO));
    }

    [Fact]
    public void Unicode_terms_do_not_combine_with_others()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192\\ISO 2022 IR 87");
        Assert.Single(charset.Warnings);
        Assert.False(charset.UsesCodeExtensions);
        Assert.Equal("山田", charset.Decode(Hex.Parse("E5 B1 B1 E7 94 B0"), DicomVR.PN));
    }

    [Fact]
    public void Non_extension_term_among_several_is_read_as_its_extension_form()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100\\ISO 2022 IR 87");
        Assert.Single(charset.Warnings);
        Assert.Equal("ü山", charset.Decode(Hex.Parse("FC ESC 24 42 3B 33 ESC 28 42"), DicomVR.PN));
    }

    [Fact]
    public void Multi_byte_g0_set_as_value_1_keeps_ascii_for_delimiters()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 87");
        Assert.Single(charset.Warnings);
        Assert.Equal("A^山", charset.Decode(Hex.Parse("41 5E ESC 24 42 3B 33 ESC 28 42"), DicomVR.PN));
        Assert.Equal(Hex.Format(Hex.Parse("41 5E ESC 24 42 3B 33 ESC 28 42")), Hex.Format(charset.Encode("A^山", DicomVR.PN)));
    }

    [Fact]
    public void Empty_later_value_is_ignored_with_a_warning()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\\\ISO 2022 IR 144");
        Assert.Single(charset.Warnings);
        Assert.Equal("И", charset.Decode(charset.Encode("И", DicomVR.LO), DicomVR.LO));
    }

    [Fact]
    public void Garbage_values_never_throw()
    {
        foreach (var value in new[] { "\\", "\\\\\\", "\0\0", "ISO 2022 IR", "ISO_IR", "ISO 8859-99", "GB18030\\GBK", "ISO 2022 IR 159\\ISO 2022 IR 87" })
        {
            var charset = DicomCharacterSet.FromSpecificCharacterSet(value);
            Assert.Equal("abc", charset.Decode("abc"u8, DicomVR.LO));
            Assert.Equal("abc"u8.ToArray(), charset.Encode("abc", DicomVR.LO));
        }
    }
}
