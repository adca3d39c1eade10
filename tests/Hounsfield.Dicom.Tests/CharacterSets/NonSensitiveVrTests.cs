namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>VRs outside the charset-sensitive set always use the default repertoire (PS3.5 §6.1.2.3).</summary>
public class NonSensitiveVrTests
{
    public static TheoryData<string> Vrs => new() { "AE", "AS", "CS", "DA", "DS", "DT", "IS", "TM", "UI", "UR" };

    [Theory]
    [MemberData(nameof(Vrs))]
    public void Decode_as_ascii_whatever_the_character_set(string vr)
    {
        var dicomVr = StandardExamplesTests.Parse(vr);
        foreach (var terms in new[] { "\\ISO 2022 IR 87", "ISO_IR 192", "GB18030", "ISO_IR 13", "ISO_IR 144" })
        {
            var charset = DicomCharacterSet.FromSpecificCharacterSet(terms);
            Assert.Equal("1.2\\3", charset.Decode("1.2\\3"u8, dicomVr));
            // No escape is interpreted, and high bytes are kept as Latin-1 rather than lost.
            Assert.Equal("\u001B$B;3ü", charset.Decode(Hex.Parse("ESC 24 42 3B 33 FC"), dicomVr));
            Assert.Equal(Hex.Parse("'1.2' FC"), charset.Encode("1.2ü", dicomVr));
            Assert.Equal("31 3F", Hex.Format(charset.Encode("1山", dicomVr)));
            Assert.False(charset.CanEncode("山", dicomVr));
        }
    }
}
