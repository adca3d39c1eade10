namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>ASCII-only values, by far the most common, allocate nothing but the resulting string.</summary>
public class FastPathTests
{
    [Theory]
    [InlineData("")]
    [InlineData("ISO_IR 100")]
    [InlineData("\\ISO 2022 IR 87")]
    [InlineData("ISO 2022 IR 6\\ISO 2022 IR 149")]
    [InlineData("ISO_IR 192")]
    [InlineData("GB18030")]
    public void Ascii_decode_allocates_only_the_string(string terms)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(terms);
        var bytes = "DOE^JOHN^MIDDLE^^DR.=DOE^JOHN=DOE^JOHN      0123456789 ABCDEFGHIJ"u8.ToArray();
        var expected = System.Text.Encoding.ASCII.GetString(bytes);
        Assert.Equal(expected, charset.Decode(bytes, DicomVR.PN)); // warm up

        const int iterations = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++) charset.Decode(bytes, DicomVR.PN);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;

        // A 64-character string is 20-odd bytes of header plus 128 of characters.
        Assert.True(perCall <= 2 * bytes.Length + 32, $"{perCall} bytes per decode");
    }

    [Theory]
    [InlineData("\\ISO 2022 IR 87")]
    [InlineData("ISO_IR 192")]
    [InlineData("ISO_IR 100")]
    public void Ascii_encode_allocates_only_the_array(string terms)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(terms);
        const string text = "DOE^JOHN^MIDDLE^^DR.=DOE^JOHN=DOE^JOHN      0123456789 ABCDEFGHIJ";
        charset.Encode(text, DicomVR.PN);

        const int iterations = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++) charset.Encode(text, DicomVR.PN);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
        Assert.True(perCall <= text.Length + 32, $"{perCall} bytes per encode");
    }

    [Fact]
    public void Non_ascii_iso2022_decode_allocates_only_the_string()
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");
        var bytes = Hex.Parse("'Yamada^Tarou=' ESC 24 42 3B 33 45 44 ESC 28 42 '^' ESC 24 42 42 40 4F 3A ESC 28 42");
        var text = charset.Decode(bytes, DicomVR.PN);
        const int iterations = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++) charset.Decode(bytes, DicomVR.PN);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
        Assert.True(perCall <= 2 * text.Length + 32, $"{perCall} bytes per decode");
    }
}
