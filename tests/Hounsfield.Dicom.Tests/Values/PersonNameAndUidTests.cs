namespace Hounsfield.Dicom.Tests.Values;

public class PersonNameAndUidTests
{
    [Fact]
    public void Person_name_component_groups()
    {
        var ds = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        ds.Set(DicomTag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        var pn = ds.GetPersonName(DicomTag.PatientName)!;
        Assert.Equal("Yamada", pn.FamilyName);
        Assert.Equal("Tarou", pn.GivenName);
        Assert.Equal("山田", pn.Ideographic.FamilyName);
        Assert.Equal("たろう", pn.Phonetic.GivenName);
        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", pn.ToString());
        Assert.Equal(pn, ds.GetValue<DicomPersonName>(DicomTag.PatientName));
    }

    [Theory]
    [InlineData("Doe^John^Q^Dr^Jr", "Doe", "John", "Q", "Dr", "Jr")]
    [InlineData("Doe", "Doe", "", "", "", "")]
    [InlineData("^John", "", "John", "", "", "")]
    [InlineData("Doe^John^^^", "Doe", "John", "", "", "")]
    public void Person_name_components(string text, string family, string given, string middle, string prefix, string suffix)
    {
        var pn = DicomPersonName.Parse(text);
        Assert.Equal(new PersonNameComponents(family, given, middle, prefix, suffix), pn.Alphabetic);
        Assert.True(pn.Ideographic.IsEmpty);
        Assert.Equal(text.TrimEnd('^'), pn.ToString());
    }

    [Fact]
    public void Only_an_ideographic_group()
    {
        var pn = DicomPersonName.Parse("=山田^太郎");
        Assert.True(pn.Alphabetic.IsEmpty);
        Assert.Equal("山田", pn.Ideographic.FamilyName);
        Assert.Equal("=山田^太郎", pn.ToString());
    }

    [Fact]
    public void Multi_valued_person_names()
    {
        var ds = new DicomDataset().Set(DicomTag.OtherPatientNames, "A^B", "C^D");
        Assert.Equal(["A^B", "C^D"], ds.GetStrings(DicomTag.OtherPatientNames));
        Assert.Equal("C", ds.GetValue<DicomPersonName>(DicomTag.OtherPatientNames, 1).FamilyName);
    }

    [Fact]
    public void UIDs_are_NUL_padded_and_looked_up()
    {
        var ds = new DicomDataset().Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value);
        Assert.Equal(0, ds[DicomTag.SOPClassUID].Bytes[^1]);
        Assert.Equal(DicomUid.CTImageStorage, ds.GetValue<DicomUid>(DicomTag.SOPClassUID));
        Assert.Equal("CT Image Storage", ds.GetValue<DicomUid>(DicomTag.SOPClassUID).Name);
        ds.Set(DicomTag.SOPInstanceUID, "1.2.3.4");
        var unknown = ds.GetValue<DicomUid>(DicomTag.SOPInstanceUID);
        Assert.False(unknown.IsKnown);
        Assert.Equal("1.2.3.4", unknown.Value);
    }

    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("1.02.3", false)]
    [InlineData("1..2", false)]
    [InlineData("1.2.", false)]
    [InlineData("0.1", true)]
    [InlineData("1.2.a", false)]
    [InlineData("", false)]
    public void UID_validity(string uid, bool valid) => Assert.Equal(valid, DicomUid.IsValid(uid));

    [Fact]
    public void Generated_UIDs_are_valid_and_unique()
    {
        var a = DicomUid.Generate().Value;
        var b = DicomUid.Generate().Value;
        Assert.True(DicomUid.IsValid(a), a);
        Assert.StartsWith("2.25.", a);
        Assert.NotEqual(a, b);
    }
}
