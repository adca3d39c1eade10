using System.Text;

namespace Hounsfield.Dicom.Tests.Values;

/// <summary>String VRs: set/get round trips, multi-values, padding and the trimming rules of PS3.5 Table 6.2-1.</summary>
public class StringValueTests
{
    private static readonly DicomTag Tag = new(0x0009, 0x1000);

    private static DicomDataset WithRaw(DicomVR vr, string raw) => new DicomDataset().SetBytes(Tag, vr, Encoding.Latin1.GetBytes(raw));

    [Theory]
    [InlineData(DicomVR.AE, "STORESCP")]
    [InlineData(DicomVR.AS, "042Y")]
    [InlineData(DicomVR.CS, "ORIGINAL")]
    [InlineData(DicomVR.DA, "20240229")]
    [InlineData(DicomVR.DS, "-1.5e3")]
    [InlineData(DicomVR.DT, "20240229101112.5+0100")]
    [InlineData(DicomVR.IS, "-42")]
    [InlineData(DicomVR.LO, "Long string")]
    [InlineData(DicomVR.LT, "Long\r\ntext\\with backslash")]
    [InlineData(DicomVR.PN, "Doe^John^^Dr")]
    [InlineData(DicomVR.SH, "Short")]
    [InlineData(DicomVR.ST, "Short text")]
    [InlineData(DicomVR.TM, "235959.999999")]
    [InlineData(DicomVR.UC, "Unlimited characters")]
    [InlineData(DicomVR.UI, "1.2.840.10008.1.2.1")]
    [InlineData(DicomVR.UR, "http://example.com/a b")]
    [InlineData(DicomVR.UT, "Unlimited\\text")]
    public void Every_string_VR_round_trips(DicomVR vr, string value)
    {
        var ds = new DicomDataset().Set(Tag, vr, value);
        Assert.Equal(value, ds.GetString(Tag));
        Assert.Equal(value, ds.GetValue<string>(Tag));
        Assert.Equal(0, ds[Tag].Length % 2);
        Assert.Equal(1, ds.GetValueCount(Tag));
    }

    [Theory]
    [InlineData(DicomVR.AE)]
    [InlineData(DicomVR.CS)]
    [InlineData(DicomVR.DS)]
    [InlineData(DicomVR.IS)]
    [InlineData(DicomVR.LO)]
    [InlineData(DicomVR.PN)]
    [InlineData(DicomVR.SH)]
    [InlineData(DicomVR.UI)]
    [InlineData(DicomVR.UC)]
    public void Multi_valued_strings_split_on_backslash(DicomVR vr)
    {
        var ds = new DicomDataset().Set(Tag, vr, "1", "22", "", "4444");
        Assert.Equal(4, ds.GetValueCount(Tag));
        Assert.Equal(["1", "22", "", "4444"], ds.GetStrings(Tag));
        Assert.Equal("22", ds.GetValue<string>(Tag, 1));
        Assert.Equal("", ds.GetValue<string>(Tag, 2));
        Assert.False(ds.TryGetValue<string>(Tag, 4, out _));
        Assert.Equal(@"1\22\\4444", ds.GetString(Tag));
    }

    [Theory]
    [InlineData(DicomVR.LT)]
    [InlineData(DicomVR.ST)]
    [InlineData(DicomVR.UT)]
    [InlineData(DicomVR.UR)]
    public void Text_VRs_are_single_valued_and_keep_backslashes(DicomVR vr)
    {
        var ds = WithRaw(vr, @"a\b\c ");
        Assert.Equal(1, ds.GetValueCount(Tag));
        Assert.Equal([@"a\b\c"], ds.GetStrings(Tag));
        Assert.False(ds.TryGetValue<string>(Tag, 1, out _));
    }

    // Leading and trailing spaces are insignificant for these VRs.
    [Theory]
    [InlineData(DicomVR.AE)]
    [InlineData(DicomVR.CS)]
    [InlineData(DicomVR.DS)]
    [InlineData(DicomVR.IS)]
    [InlineData(DicomVR.LO)]
    [InlineData(DicomVR.SH)]
    [InlineData(DicomVR.PN)]
    public void Leading_and_trailing_spaces_are_trimmed(DicomVR vr)
    {
        var ds = WithRaw(vr, "  12  \\ 3 ");
        Assert.Equal(["12", "3"], ds.GetStrings(Tag));
        Assert.Equal(@"12\3", ds.GetString(Tag));
        Assert.Equal(" 3", WithRaw(vr, " 3 ").GetString(Tag) is { } s ? " " + s : null);
    }

    // Leading spaces are significant in the text VRs; trailing ones are padding.
    [Theory]
    [InlineData(DicomVR.LT)]
    [InlineData(DicomVR.ST)]
    [InlineData(DicomVR.UT)]
    [InlineData(DicomVR.UC)]
    public void Text_keeps_leading_spaces_and_drops_trailing_ones(DicomVR vr)
    {
        Assert.Equal("  indented", WithRaw(vr, "  indented   ").GetString(Tag));
    }

    [Theory]
    [InlineData(DicomVR.DA, "20240101 ", "20240101")]
    [InlineData(DicomVR.TM, "1010 ", "1010")]
    [InlineData(DicomVR.DT, "2024 ", "2024")]
    [InlineData(DicomVR.UI, "1.2.3\0", "1.2.3")]
    [InlineData(DicomVR.AS, "010D", "010D")]
    public void Padding_is_removed(DicomVR vr, string raw, string expected) =>
        Assert.Equal(expected, WithRaw(vr, raw).GetString(Tag));

    [Theory]
    [InlineData(DicomVR.AE, (byte)' ')]
    [InlineData(DicomVR.CS, (byte)' ')]
    [InlineData(DicomVR.DA, (byte)' ')]
    [InlineData(DicomVR.DS, (byte)' ')]
    [InlineData(DicomVR.DT, (byte)' ')]
    [InlineData(DicomVR.IS, (byte)' ')]
    [InlineData(DicomVR.LO, (byte)' ')]
    [InlineData(DicomVR.LT, (byte)' ')]
    [InlineData(DicomVR.PN, (byte)' ')]
    [InlineData(DicomVR.SH, (byte)' ')]
    [InlineData(DicomVR.ST, (byte)' ')]
    [InlineData(DicomVR.TM, (byte)' ')]
    [InlineData(DicomVR.UC, (byte)' ')]
    [InlineData(DicomVR.UR, (byte)' ')]
    [InlineData(DicomVR.UT, (byte)' ')]
    [InlineData(DicomVR.UI, (byte)0)]
    public void Odd_length_strings_are_padded_with_the_VR_pad_byte(DicomVR vr, byte pad)
    {
        var ds = new DicomDataset().Set(Tag, vr, "ABC");
        Assert.Equal(new byte[] { (byte)'A', (byte)'B', (byte)'C', pad }, ds[Tag].Bytes.ToArray());
        Assert.Equal("ABC", ds.GetString(Tag));
    }

    [Fact]
    public void Empty_values_have_no_values()
    {
        var ds = new DicomDataset().SetEmpty(DicomTag.PatientName);
        Assert.Equal(0, ds.GetValueCount(DicomTag.PatientName));
        Assert.Equal("", ds.GetString(DicomTag.PatientName));
        Assert.Empty(ds.GetStrings(DicomTag.PatientName));
        Assert.Null(ds.GetPersonName(DicomTag.PatientName));
        Assert.Null(ds.GetString(DicomTag.PatientID));
    }

    [Fact]
    public void Latin1_and_utf8_text_round_trip_through_the_character_set()
    {
        var latin = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        latin.Set(DicomTag.InstitutionName, "Hôpital");
        Assert.Equal("Hôpital", latin.GetString(DicomTag.InstitutionName));
        Assert.Equal(8, latin[DicomTag.InstitutionName].Length);

        var utf8 = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        utf8.Set(DicomTag.PatientName, "山田^太郎");
        Assert.Equal("山田^太郎", utf8.GetString(DicomTag.PatientName));
        Assert.Equal(14, utf8[DicomTag.PatientName].Length);
    }

    [Fact]
    public void Numbers_read_from_IS_and_DS()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.InstanceNumber, " 12 ");
        ds.Set(DicomTag.ImagePositionPatient, "-1.5", "2E2", " 3 ");
        ds.Set(DicomTag.SliceThickness, 0.1 + 0.2);
        Assert.Equal(12, ds.GetValue<int>(DicomTag.InstanceNumber));
        Assert.Equal(12L, ds.GetValue<long>(DicomTag.InstanceNumber));
        Assert.Equal([-1.5, 200, 3], ds.GetValues<double>(DicomTag.ImagePositionPatient));
        Assert.Equal(200, ds.GetValue<int>(DicomTag.ImagePositionPatient, 1));
        Assert.False(ds.TryGetValue<int>(DicomTag.ImagePositionPatient, 0, out _));
        Assert.Equal(0.1 + 0.2, ds.GetValue<double>(DicomTag.SliceThickness), 1e-14);
        Assert.True(ds[DicomTag.SliceThickness].Length <= 16);
    }

    [Fact]
    public void Decimal_strings_fit_sixteen_characters()
    {
        foreach (var value in new[] { Math.PI, -Math.E * 1e-10, 123456789.123456789, 1e300, -0.0 })
        {
            var text = DicomValueEncoderProbe(value);
            Assert.True(text.Length <= 16, text);
            Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), 1e-12 * Math.Max(1, Math.Abs(value)));
        }
    }

    private static string DicomValueEncoderProbe(double value) =>
        new DicomDataset().Set(DicomTag.SliceThickness, value).GetString(DicomTag.SliceThickness)!;
}
