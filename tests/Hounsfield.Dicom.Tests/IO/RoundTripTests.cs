using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.IO;

public class RoundTripTests
{
    public static TheoryData<string, bool, bool> SyntaxesAndOptions()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var ts in DicomTransferSyntax.Uncompressed)
            foreach (var explicitLengths in new[] { false, true })
                foreach (var groupLengths in new[] { false, true })
                    data.Add(ts.Uid.Value, explicitLengths, groupLengths);
        return data;
    }

    [Theory]
    [MemberData(nameof(SyntaxesAndOptions))]
    public void File_round_trip_keeps_every_element_byte_for_byte(string uid, bool explicitLengthSequences, bool groupLengths)
    {
        var ts = DicomTransferSyntax.Get(uid);
        var options = new DicomWriteOptions { ExplicitLengthSequences = explicitLengthSequences, IncludeGroupLengths = groupLengths };
        var original = SampleData.Representative();
        var bytes = SampleData.FileBytes(original, ts, options);

        var file = DicomFile.Read(new MemoryStream(bytes));

        Assert.Equal(ts, file.TransferSyntax);
        Assert.Empty(file.Warnings);
        var read = file.Dataset.Clone();
        if (groupLengths)
        {
            // The group lengths we wrote must be right, and are the only extra elements.
            AssertGroupLengthsMatch(file.Dataset, ts, options);
            RemoveGroupLengths(read);
        }
        DatasetComparer.AssertEqual(original, read, privateMayBecomeUN: !ts.IsExplicitVR);
        Assert.Equal(uid, file.FileMetaInformation.GetString(DicomTag.TransferSyntaxUID));
    }

    [Theory]
    [MemberData(nameof(SyntaxesAndOptions))]
    public void Data_set_round_trip_without_meta(string uid, bool explicitLengthSequences, bool groupLengths)
    {
        var ts = DicomTransferSyntax.Get(uid);
        var options = new DicomWriteOptions { ExplicitLengthSequences = explicitLengthSequences, IncludeGroupLengths = groupLengths };
        var original = SampleData.Nested(6);
        original.Set(new DicomTag(0x0009, 0x0010), DicomVR.LO, "X");
        original.SetBytes(new DicomTag(0x0009, 0x1000), DicomVR.OB, [1, 2, 3, 4]);
        var ms = new MemoryStream();
        original.WriteTo(ms, ts, options);
        if (!ts.IsDeflated) Assert.Equal(ms.Length, original.GetEncodedLength(ts, options));
        ms.Position = 0;

        var read = DicomDataset.Read(ms, ts);

        RemoveGroupLengths(read);
        DatasetComparer.AssertEqual(original, read, privateMayBecomeUN: !ts.IsExplicitVR);
    }

    [Theory]
    [MemberData(nameof(SyntaxesAndOptions))]
    public void Sequences_nested_six_deep_survive(string uid, bool explicitLengthSequences, bool groupLengths)
    {
        var ts = DicomTransferSyntax.Get(uid);
        var original = SampleData.Nested(6);
        var bytes = SampleData.FileBytes(original, ts, new DicomWriteOptions { ExplicitLengthSequences = explicitLengthSequences, IncludeGroupLengths = groupLengths });

        var read = DicomFile.Read(new MemoryStream(bytes)).Dataset;

        var level = read;
        for (var depth = 1; depth <= 6; depth++)
        {
            var sequence = level.GetSequence(DicomTag.ContentSequence);
            Assert.NotNull(sequence);
            Assert.Equal(2, sequence.Count);
            Assert.Equal($"S{depth}", sequence[1].GetString(DicomTag.CodeValue));
            level = sequence[0];
            Assert.Equal($"L{depth}", level.GetString(DicomTag.CodeValue));
            Assert.Equal($"level {depth}", level.GetString(DicomTag.CodeMeaning));
        }
        Assert.Null(level.GetSequence(DicomTag.ContentSequence));
    }

    [Fact]
    public void Sequence_lengths_are_written_as_asked()
    {
        var ds = new DicomDataset();
        ds.SetSequence(DicomTag.ContentSequence, new DicomDataset().Set(DicomTag.CodeValue, "AB"));
        var undefined = new MemoryStream();
        ds.WriteTo(undefined, DicomTransferSyntax.ExplicitVRLittleEndian);
        var defined = new MemoryStream();
        ds.WriteTo(defined, DicomTransferSyntax.ExplicitVRLittleEndian, new DicomWriteOptions { ExplicitLengthSequences = true });

        // (0040,A730) SQ, reserved, undefined; item undefined; (0008,0100) SH 2 "AB"; item end; sequence end.
        Assert.Equal(Convert.FromHexString(
            "4000 30A7 5351 0000 FFFFFFFF FEFF 00E0 FFFFFFFF 0800 0001 5348 0200 4142 FEFF 0DE0 00000000 FEFF DDE0 00000000".Replace(" ", "")),
            undefined.ToArray());
        Assert.Equal(Convert.FromHexString(
            "4000 30A7 5351 0000 12000000 FEFF 00E0 0A000000 0800 0001 5348 0200 4142".Replace(" ", "")),
            defined.ToArray());
    }

    [Fact]
    public void Group_lengths_are_written_for_every_group()
    {
        var ds = new DicomDataset().Set(DicomTag.PatientName, "AB").Set(DicomTag.PatientID, "1").Set(DicomTag.Modality, "CT");
        var ms = new MemoryStream();
        ds.WriteTo(ms, DicomTransferSyntax.ImplicitVRLittleEndian, new DicomWriteOptions { IncludeGroupLengths = true });
        Assert.Equal(Convert.FromHexString(
            ("0800 0000 04000000 0A000000" + "0800 6000 02000000 4354" +
             "1000 0000 04000000 14000000" + "1000 1000 02000000 4142" + "1000 2000 02000000 3120").Replace(" ", "")),
            ms.ToArray());
    }

    private static void AssertGroupLengthsMatch(DicomDataset read, DicomTransferSyntax ts, DicomWriteOptions options)
    {
        foreach (var group in read.Select(e => e.Tag.Group).Distinct())
        {
            var expected = new DicomDataset();
            foreach (var e in read.Where(e => e.Tag.Group == group && !e.Tag.IsGroupLength)) expected.CopyFrom(read, e.Tag);
            // Items carry their own group lengths too, so measure with them and take off this group's own 12 bytes.
            var length = expected.GetEncodedLength(ts.IsDeflated ? DicomTransferSyntax.ExplicitVRLittleEndian : ts, options) - 12;
            Assert.True((uint)length == read.GetValue<uint>(new DicomTag(group, 0)), $"group {group:X4}: measured {length}, written {read.GetValue<uint>(new DicomTag(group, 0))}");
        }
    }

    internal static void RemoveGroupLengths(DicomDataset ds)
    {
        ds.RemoveAll(e => e.Tag.IsGroupLength);
        foreach (var e in ds)
            if (e.Sequence is { } items)
                foreach (var item in items) RemoveGroupLengths(item);
    }

    [Fact]
    public void Rewriting_a_data_set_that_holds_group_lengths_regenerates_them()
    {
        var options = new DicomWriteOptions { IncludeGroupLengths = true };
        var ds = new DicomDataset().Set(DicomTag.PatientName, "AB").Set(DicomTag.PatientID, "1");
        ds.Set(new DicomTag(0x0010, 0x0000), DicomVR.UL, 999u);
        var ms = new MemoryStream();
        ds.WriteTo(ms, DicomTransferSyntax.ExplicitVRLittleEndian, options);

        Assert.Equal(ms.Length, ds.GetEncodedLength(DicomTransferSyntax.ExplicitVRLittleEndian, options));
        Assert.Equal(Convert.FromHexString(
            ("1000 0000 554C 0400 14000000" + "1000 1000 504E 0200 4142" + "1000 2000 4C4F 0200 3120").Replace(" ", "")),
            ms.ToArray());
    }

    // The byte-order check looked only for a zero first byte, so a big-endian data set that starts
    // in a group above 00FF (here Pixel Data) was read as little endian; the other groups guard the fix.
    [Theory]
    [InlineData(0x7FE0, 0x0010, DicomVR.OW)]
    [InlineData(0x0029, 0x0010, DicomVR.LO)]
    [InlineData(0x0040, 0xA730, DicomVR.SQ)]
    public void Big_endian_data_set_starting_in_any_group_keeps_its_declared_byte_order(ushort group, ushort element, DicomVR vr)
    {
        var ds = new DicomDataset();
        var tag = new DicomTag(group, element);
        if (vr == DicomVR.SQ) ds.SetSequence(tag, new DicomDataset().Set(DicomTag.CodeValue, "X"));
        else if (vr == DicomVR.OW) ds.SetBytes(tag, vr, [1, 2, 3, 4]);
        else ds.Set(tag, vr, "CREATOR");

        var file = DicomFile.Read(new MemoryStream(SampleData.FileBytes(ds, DicomTransferSyntax.ExplicitVRBigEndian)));

        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, file.TransferSyntax);
        Assert.Empty(file.Warnings);
        DatasetComparer.AssertEqual(ds, file.Dataset);
    }
}
