namespace Hounsfield.Dicom.Tests.CharacterSets;

public class DatasetCharacterSetTests
{
    [Fact]
    public void Text_is_encoded_with_the_data_sets_character_set_and_read_back()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO 2022 IR 6", "ISO 2022 IR 87");
        ds.Set(DicomTag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        var stream = new MemoryStream();
        ds.WriteTo(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        stream.Position = 0;
        var read = DicomDataset.Read(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        var name = read.GetPersonName(DicomTag.PatientName)!;
        Assert.Equal("山田", name.Ideographic.FamilyName);
        Assert.Equal("たろう", name.Phonetic.GivenName);
    }

    [Fact]
    public void Sequence_items_inherit_or_override_the_character_set()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        var inherits = new DicomDataset();
        var overrides = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.SetSequence(DicomTag.ReferencedStudySequence, inherits, overrides);
        inherits.Set(DicomTag.StudyDescription, "Ωμέγα");
        overrides.Set(DicomTag.StudyDescription, "Müller");
        Assert.Equal(new byte[] { 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72 }, overrides.GetBytes(DicomTag.StudyDescription).ToArray());
        Assert.Equal("Ωμέγα", inherits.GetString(DicomTag.StudyDescription));
        Assert.Same(DicomCharacterSet.Utf8, inherits.CharacterSet);
    }

    [Fact]
    public void Text_the_character_set_cannot_hold_is_refused_not_mangled()
    {
        var ds = new DicomDataset();
        var e = Assert.Throws<ArgumentException>(() => ds.Set(DicomTag.PatientName, "Müller^Hans"));
        Assert.Contains("ISO_IR 192", e.Message);
        Assert.Throws<ArgumentException>(() => ds.Set(DicomTag.Modality, "ÇT"));
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.PatientName, "Müller^Hans");
        Assert.Equal("Müller", ds.GetPersonName(DicomTag.PatientName)!.FamilyName);
    }
}
