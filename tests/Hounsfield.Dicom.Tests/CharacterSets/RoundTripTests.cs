namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>Encode then decode gives the text back, for every Defined Term with text in its script.</summary>
public class RoundTripTests
{
    private static readonly (string Terms, string Text)[] Samples =
    [
        ("ISO_IR 100", "Müller^Jürgen=Größe Straße"),
        ("ISO_IR 101", "Dvořák^Antonín=Příliš žluťoučký kůň"),
        ("ISO_IR 109", "Ħaġar Qim^Ġużè"),
        ("ISO_IR 110", "Šiaulių^Ģirts Ķēniņš"),
        ("ISO_IR 144", "Иванов^Пётр=Съешь же ещё"),
        ("ISO_IR 127", "قباني^نزار"),
        ("ISO_IR 126", "Διονυσιος^Καραγιάννης"),
        ("ISO_IR 138", "שרון^דבורה"),
        ("ISO_IR 148", "Çağrı^Şükrü=İğdır"),
        ("ISO_IR 203", "Œuvre^Ÿves=10 €"),
        ("ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ"),
        ("ISO_IR 166", "สมชาย^ใจดี"),
        ("ISO 2022 IR 6", "Plain^Ascii"),
        ("ISO 2022 IR 100", "Müller^Jürgen"),
        ("ISO 2022 IR 101", "Dvořák^Antonín"),
        ("ISO 2022 IR 109", "Ħaġar Qim"),
        ("ISO 2022 IR 110", "Šiaulių"),
        ("ISO 2022 IR 144", "Иванов^Пётр"),
        ("ISO 2022 IR 127", "قباني^نزار"),
        ("ISO 2022 IR 126", "Διονυσιος"),
        ("ISO 2022 IR 138", "שרון^דבורה"),
        ("ISO 2022 IR 148", "Çağrı^Şükrü"),
        ("ISO 2022 IR 203", "Œuvre 10 €"),
        ("ISO 2022 IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ"),
        ("ISO 2022 IR 166", "สมชาย^ใจดี"),
        ("\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
        ("ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
        ("\\ISO 2022 IR 87\\ISO 2022 IR 159", "山田丂^カタカナ 漢字"),
        ("\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동"),
        ("\\ISO 2022 IR 58", "Zhang^XiaoDong=张^小东="),
        ("ISO_IR 192", "Müller Иванов Διονυσιος שרון قباني สมชาย 山田 やまだ 홍길동 张小东 😀"),
        ("GB18030", "Wang^XiaoDong=王^小东 € 😀"),
        ("GBK", "Wang^XiaoDong=王^小东"),
        ("ISO 2022 IR 100\\ISO 2022 IR 144\\ISO 2022 IR 126\\ISO 2022 IR 87\\ISO 2022 IR 149\\ISO 2022 IR 58",
            "Müller Иванов Διονυσιος 山田 홍길동 张小东"),
        ("ISO 2022 IR 6\\ISO 2022 IR 138\\ISO 2022 IR 127\\ISO 2022 IR 166", "שרון قباني สมชาย"),
    ];

    private static readonly DicomVR[] Vrs = [DicomVR.PN, DicomVR.LO, DicomVR.SH, DicomVR.LT, DicomVR.ST, DicomVR.UC, DicomVR.UT];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (terms, text) in Samples)
        {
            foreach (var vr in Vrs) data.Add(terms, vr.ToString(), text);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_then_decode_gives_the_text_back(string terms, string vr, string text)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(terms);
        var dicomVr = StandardExamplesTests.Parse(vr);
        Assert.Empty(charset.Warnings);
        Assert.True(charset.CanEncode(text, dicomVr));
        var encoded = charset.Encode(text, dicomVr);
        Assert.True(encoded.Length <= charset.GetMaxByteCount(text));
        Assert.Equal(text, charset.Decode(encoded, dicomVr));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiple_values_and_lines_round_trip(string terms, string vr, string text)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(terms);
        var dicomVr = StandardExamplesTests.Parse(vr);
        var separator = dicomVr.IsMultiValuedString() ? "\\" : "\r\n";
        var value = text + separator + "ascii" + separator + text + "\t" + text;
        Assert.Equal(value, charset.Decode(charset.Encode(value, dicomVr), dicomVr));
    }

    [Theory]
    [InlineData("\\ISO 2022 IR 87", 0x3021, "ESC 24 42", "ESC 28 42")]
    [InlineData("\\ISO 2022 IR 159", 0x2221, "ESC 24 28 44", "ESC 28 42")]
    [InlineData("\\ISO 2022 IR 149", 0xA1A1, "ESC 24 29 43", "")]
    [InlineData("\\ISO 2022 IR 58", 0xA1A1, "ESC 24 29 41", "")]
    public void Every_character_of_a_94x94_set_round_trips(string terms, int highBitsSample, string escape, string back)
    {
        var charset = DicomCharacterSet.FromSpecificCharacterSet(terms);
        var high = (highBitsSample & 0x8080) != 0 ? 0x80 : 0;
        var prefix = Hex.Parse(escape);
        var suffix = Hex.Parse(back);
        var decodedCount = 0;
        for (var row = 0x21; row <= 0x7E; row++)
        {
            for (var cell = 0x21; cell <= 0x7E; cell++)
            {
                byte[] bytes = [.. prefix, (byte)(row | high), (byte)(cell | high), .. suffix];
                var text = charset.Decode(bytes, DicomVR.LO);
                Assert.Equal(1, text.Length);
                if (text[0] == '\uFFFD') continue;
                decodedCount++;
                // Bytes may differ where a code page maps two cells to one character; the text may not.
                Assert.Equal(text, charset.Decode(charset.Encode(text, DicomVR.LO), DicomVR.LO));
            }
        }
        // JIS X 0208 has 6879 characters, JIS X 0212 6067, KS X 1001 8224, GB 2312 7445 (plus vendor rows).
        Assert.True(decodedCount > 6000, $"only {decodedCount} characters decoded");
    }
}
