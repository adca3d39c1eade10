namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>Broken bytes decode with U+FFFD, never throw and never stall.</summary>
public class MalformedInputTests
{
    private static readonly DicomCharacterSet Japanese = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 87");
    private static readonly DicomCharacterSet Korean = DicomCharacterSet.FromSpecificCharacterSet("\\ISO 2022 IR 149");

    [Theory]
    [InlineData("'A' ESC", "A\uFFFD")]                  // ESC at the end
    [InlineData("ESC 24", "\uFFFD$")]                   // truncated designation: only ESC is dropped
    [InlineData("ESC 24 29", "\uFFFD$)")]
    [InlineData("ESC 28 5A 'A'", "\uFFFDA")]            // well-formed but unknown: the whole sequence is one U+FFFD
    [InlineData("ESC 24 29 5A 'A'", "\uFFFDA")]
    [InlineData("ESC 0D 'A'", "\uFFFD\rA")]             // no final byte
    [InlineData("ESC ESC 28 42 'A'", "\uFFFDA")]
    [InlineData("ESC 24 28 29 28 42 'A'", "\uFFFD$()(BA")]   // more intermediates than any DICOM sequence
    [InlineData("ESC 24 42 3B 33 45", "山\uFFFD")]       // odd byte of a two-byte run
    [InlineData("ESC 24 42 3B", "\uFFFD")]
    [InlineData("ESC 24 42 3B 0D 'A'", "\uFFFD\rA")]    // two-byte run cut by a line break
    public void Broken_escape_sequences_and_runs(string bytes, string expected)
    {
        Assert.Equal(expected, Japanese.Decode(Hex.Parse(bytes), DicomVR.LT));
    }

    [Theory]
    [InlineData("ESC 24 29 43 C8", "\uFFFD")]
    [InlineData("ESC 24 29 43 C8 AB C8", "홍\uFFFD")]
    [InlineData("ESC 24 29 43 A0 FF", "\uFFFD\uFFFD")]
    [InlineData("ESC 24 29 43 C8 'A' AB", "\uFFFDA\uFFFD")]
    public void Broken_gr_bytes(string bytes, string expected)
    {
        Assert.Equal(expected, Korean.Decode(Hex.Parse(bytes), DicomVR.LO));
    }

    [Theory]
    [InlineData("ISO_IR 192", "C3 28 'x' E2 82", "\uFFFD(x\uFFFD")]
    [InlineData("GB18030", "'a' 81", "a\uFFFD")]
    [InlineData("GBK", "'a' 81", "a\uFFFD")]
    [InlineData("ISO_IR 13", "'a' 80 A0 E0", "a\u0080\uFFFD\uFFFD")]
    public void Invalid_bytes_in_other_sets(string terms, string bytes, string expected)
    {
        Assert.Equal(expected, DicomCharacterSet.FromSpecificCharacterSet(terms).Decode(Hex.Parse(bytes), DicomVR.LO));
    }

    public static TheoryData<string> AllTerms()
    {
        var data = new TheoryData<string> { "", "\\ISO 2022 IR 87\\ISO 2022 IR 159\\ISO 2022 IR 149\\ISO 2022 IR 58\\ISO 2022 IR 100" };
        foreach (var term in CharacterSetTerm.DefinedTerms) data.Add(term);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllTerms))]
    public void Random_bytes_decode_without_throwing(string terms)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(terms);
        var random = new Random(20240615);
        // Bias towards the bytes that drive the ISO 2022 state machine.
        byte[] interesting = [0x1B, 0x24, 0x28, 0x29, 0x2D, 0x42, 0x44, 0x43, 0x41, 0x4A, 0x49, 0x5C, 0x5E, 0x3D, 0x0D, 0x0A, 0xA1, 0xFE, 0x80, 0x20];
        foreach (var vr in new[] { DicomVR.PN, DicomVR.LO, DicomVR.LT })
        {
            for (var n = 0; n < 1500; n++)
            {
                var bytes = new byte[random.Next(0, 48)];
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = random.Next(3) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
                }
                var text = charset.Decode(bytes, vr);
                // Re-encoding whatever came out must not throw either.
                charset.Encode(text, vr);
            }
        }
    }

    [Fact]
    public void Long_values_outgrow_the_stack_buffer()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 2000; i++) bytes.AddRange(Hex.Parse("ESC 24 42 3B 33 ESC 28 42 'a'"));
        var text = Japanese.Decode(bytes.ToArray(), DicomVR.UT);
        Assert.Equal(4000, text.Length);
        Assert.Equal(bytes.ToArray(), Japanese.Encode(text, DicomVR.UT));
    }

    [Fact]
    public void Lone_surrogates_are_not_encodable()
    {
        Assert.False(DicomCharacterSet.Utf8.CanEncode("a\uD800b", DicomVR.LO));
        Assert.False(Japanese.CanEncode("a\uD800b", DicomVR.LO));
        Assert.Equal("a?b", System.Text.Encoding.ASCII.GetString(Japanese.Encode("a\uD800b", DicomVR.LO)));
    }
}
