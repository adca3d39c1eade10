namespace Hounsfield.Dicom.Tests.Dictionary;

public class DicomDictionaryTests
{
    [Fact]
    public void Looks_up_public_tags_by_tag_and_keyword()
    {
        var entry = DicomDictionary.Lookup(DicomTag.PatientName)!;
        Assert.Equal("PatientName", entry.Keyword);
        Assert.Equal("Patient's Name", entry.Name);
        Assert.Equal(DicomVR.PN, entry.VR);
        Assert.Equal(DicomTag.PatientName, DicomDictionary.LookupKeyword("PatientName")!.Tag);
        Assert.Equal(new DicomTag(0x0010, 0x0010), DicomTag.Parse("PatientName"));
        Assert.Equal(new DicomTag(0x0010, 0x0010), DicomTag.Parse("(0010,0010)"));
        Assert.Equal(new DicomTag(0x0010, 0x0010), DicomTag.Parse("00100010"));
    }

    [Theory]
    [InlineData(0x50000010u, "NumberOfPoints")]
    [InlineData(0x501E0010u, "NumberOfPoints")]
    [InlineData(0x60000010u, "OverlayRows")]
    [InlineData(0x60FE3000u, "OverlayData")]
    [InlineData(0x10000015u, "ShiftTableTriplet")]
    [InlineData(0x00283002u, "LUTDescriptor")]
    public void Resolves_repeating_groups(uint tag, string keyword) =>
        Assert.Equal(keyword, DicomDictionary.Lookup(new DicomTag(tag))?.Keyword);

    [Fact]
    public void Knows_command_group_elements_group_lengths_and_private_creators()
    {
        Assert.Equal(DicomVR.US, DicomDictionary.Lookup(DicomTag.CommandField)!.VR);
        Assert.Equal(DicomVR.AE, DicomDictionary.Lookup(DicomTag.MoveDestination)!.VR);
        Assert.Equal(DicomVR.UL, DicomDictionary.Lookup(new DicomTag(0x0018, 0x0000))!.VR);
        Assert.Equal(DicomVR.LO, DicomDictionary.Lookup(new DicomTag(0x0029, 0x0010))!.VR);
        Assert.Null(DicomDictionary.Lookup(new DicomTag(0x0029, 0x1001)));
    }

    [Fact]
    public void Private_elements_resolve_through_their_creator_whatever_block_it_holds()
    {
        DicomDictionary.RegisterPrivate("HOUNSFIELD TEST", 0x0031, 0x01, "TestPrivateValue", "Test Private Value", DicomVR.DS);
        var ds = new DicomDataset();
        ds.Set(new DicomTag(0x0031, 0x0010), DicomVR.LO, "OTHER");
        var tag = ds.GetPrivateTag(0x0031, "HOUNSFIELD TEST", 0x01);
        Assert.Equal(new DicomTag(0x0031, 0x1101), tag);
        Assert.Equal(DicomVR.DS, ds.GetDictionaryEntry(tag)!.VR);
        Assert.Equal("HOUNSFIELD TEST", ds.GetString(new DicomTag(0x0031, 0x0011)));
        Assert.Equal(tag, ds.GetPrivateTag(0x0031, "HOUNSFIELD TEST", 0x01));
    }

    [Fact]
    public void Registry_uids_and_transfer_syntaxes()
    {
        Assert.Equal("CT Image Storage", DicomUid.Lookup("1.2.840.10008.5.1.4.1.1.2").Name);
        Assert.Equal(DicomUidType.TransferSyntax, DicomUid.ExplicitVRBigEndian.Type);
        Assert.True(DicomTransferSyntax.Get("1.2.840.10008.1.2.4.50").IsEncapsulated);
        Assert.True(DicomTransferSyntax.Get("1.2.840.10008.1.2.4.50").IsLossy);
        Assert.False(DicomTransferSyntax.Get("1.2.840.10008.1.2.4.70").IsLossy);
        Assert.True(DicomTransferSyntax.Get("1.2.840.10008.1.2.4.201").IsEncapsulated);
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, DicomTransferSyntax.Parse("ExplicitVRBigEndian"));
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.Parse("Implicit VR Little Endian"));
        Assert.True(DicomUid.IsValid(DicomUid.Generate().Value));
        Assert.False(DicomUid.IsValid("1.02.3"));
        Assert.False(DicomUid.IsValid("1..3"));
    }
}
