using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.IO;

/// <summary>The bytes the writer puts on the wire, checked against hand-computed encodings.</summary>
public class EncodingTests
{
    private static readonly DicomTag Tag = new(0x0009, 0x1000);

    private static byte[] Encode(DicomDataset ds, DicomTransferSyntax ts)
    {
        var ms = new MemoryStream();
        ds.WriteTo(ms, ts);
        return ms.ToArray();
    }

    private static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", ""));

    public static TheoryData<DicomVR, string, string> BigEndianCases() => new()
    {
        // VR, little-endian value bytes, the same value in big endian.
        { DicomVR.US, "0102 0304", "0201 0403" },
        { DicomVR.SS, "FEFF", "FFFE" },
        { DicomVR.OW, "0102 0304", "0201 0403" },
        { DicomVR.UL, "01020304", "04030201" },
        { DicomVR.SL, "FEFFFFFF", "FFFFFFFE" },
        { DicomVR.FL, "0000803F", "3F800000" },
        { DicomVR.OF, "0000803F 00000040", "3F800000 40000000" },
        { DicomVR.OL, "01020304", "04030201" },
        { DicomVR.FD, "000000000000F03F", "3FF0000000000000" },
        { DicomVR.OD, "000000000000F03F", "3FF0000000000000" },
        { DicomVR.SV, "0102030405060708", "0807060504030201" },
        { DicomVR.UV, "0102030405060708", "0807060504030201" },
        { DicomVR.OV, "0102030405060708", "0807060504030201" },
        // AT: group and element are each swapped as 16-bit numbers.
        { DicomVR.AT, "1800 FF00", "0018 00FF" },
        // Bytes and strings are not swapped.
        { DicomVR.OB, "01020304", "01020304" },
        { DicomVR.UN, "01020304", "01020304" },
        { DicomVR.LO, "41424344", "41424344" },
    };

    [Theory]
    [MemberData(nameof(BigEndianCases))]
    public void Big_endian_swaps_each_VR_by_its_unit(DicomVR vr, string little, string big)
    {
        var ds = new DicomDataset().SetBytes(Tag, vr, Hex(little));
        var bytes = Encode(ds, DicomTransferSyntax.ExplicitVRBigEndian);

        var vrBytes = new[] { (byte)((ushort)vr >> 8), (byte)vr };
        var length = Hex(big).Length;
        byte[] header = RawDicom.IsLong(vr.ToString())
            ? [0x00, 0x09, 0x10, 0x00, .. vrBytes, 0, 0, 0, 0, (byte)(length >> 8), (byte)length]
            : [0x00, 0x09, 0x10, 0x00, .. vrBytes, (byte)(length >> 8), (byte)length];
        Assert.Equal([.. header, .. Hex(big)], bytes);

        // Reading it back gives the little-endian bytes again.
        var read = DicomDataset.Read(new MemoryStream(bytes), DicomTransferSyntax.ExplicitVRBigEndian);
        Assert.Equal(Hex(little), read.GetBytes(Tag).ToArray());
    }

    [Fact]
    public void Big_endian_bulk_values_are_swapped_when_read_lazily()
    {
        var words = new byte[100_000];
        for (var i = 0; i < words.Length; i++) words[i] = (byte)i;
        var ds = new DicomDataset().SetBytes(DicomTag.PixelData, DicomVR.OW, words);
        var bytes = SampleData.FileBytes(ds, DicomTransferSyntax.ExplicitVRBigEndian);
        var file = DicomFile.Read(new MemoryStream(bytes));
        Assert.Equal(DicomValueKind.Bulk, file.Dataset[DicomTag.PixelData].Kind);
        Assert.Equal(words, file.Dataset.GetBytes(DicomTag.PixelData).ToArray());
        // On disk each pair is swapped.
        var at = (int)file.Dataset[DicomTag.PixelData].BulkData!.Offset;
        Assert.Equal(new byte[] { 1, 0, 3, 2 }, bytes[at..(at + 4)]);
        // And written again in little endian, the original bytes come back.
        var again = DicomFile.Read(new MemoryStream(SampleData.FileBytes(file.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian)));
        Assert.Equal(words, again.Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Theory]
    [InlineData(DicomVR.AE, 0x20)]
    [InlineData(DicomVR.CS, 0x20)]
    [InlineData(DicomVR.LO, 0x20)]
    [InlineData(DicomVR.PN, 0x20)]
    [InlineData(DicomVR.UT, 0x20)]
    [InlineData(DicomVR.UI, 0x00)]
    [InlineData(DicomVR.OB, 0x00)]
    [InlineData(DicomVR.UN, 0x00)]
    public void Odd_length_values_are_padded_on_the_wire_with_the_VR_pad_byte(DicomVR vr, byte pad)
    {
        // SetBytes stores the odd length as given; the writer must pad it.
        var ds = new DicomDataset().SetBytes(Tag, vr, "ABC"u8.ToArray());
        foreach (var ts in new[] { DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRBigEndian })
        {
            var bytes = Encode(ds, ts);
            Assert.Equal(new byte[] { 0x41, 0x42, 0x43, pad }, bytes[^4..]);
            var lengthField = ts.IsExplicitVR && !RawDicom.IsLong(vr.ToString()) ? bytes[6..8] : bytes[^8..^4];
            Assert.Equal(4, ts.IsBigEndian ? lengthField[^1] : lengthField[0]);
            Assert.Equal(ds.GetEncodedLength(ts), bytes.Length);
        }
    }

    [Fact]
    public void Values_too_long_for_a_16_bit_length_are_written_as_UN_in_explicit_VR()
    {
        var text = new string('x', 70_000);
        var ds = new DicomDataset().Set(DicomTag.PatientComments, DicomVR.LO, text);
        var bytes = Encode(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal("UN"u8.ToArray(), bytes[4..6]);
        var read = DicomDataset.Read(new MemoryStream(bytes), DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal(text.Length, read.GetBytes(DicomTag.PatientComments).Length);
    }

    [Fact]
    public void Private_elements_are_preserved_bit_for_bit_in_every_syntax()
    {
        var random = new Random(5);
        var ds = new DicomDataset();
        ds.Set(new DicomTag(0x0029, 0x0010), DicomVR.LO, "SIEMENS CSA HEADER");
        ds.Set(new DicomTag(0x0029, 0x0011), DicomVR.LO, "OTHER VENDOR");
        var blobs = new Dictionary<DicomTag, byte[]>();
        foreach (var (element, vr) in new[] { (0x1008, DicomVR.CS), (0x1010, DicomVR.OB), (0x1020, DicomVR.UN), (0x1110, DicomVR.OW), (0x1120, DicomVR.UL) })
        {
            var bytes = new byte[2 * (1 + random.Next(40))];
            random.NextBytes(bytes);
            var tag = new DicomTag(0x0029, (ushort)element);
            blobs[tag] = bytes;
            ds.SetBytes(tag, vr, bytes);
        }
        ds.SetSequence(new DicomTag(0x0029, 0x1030), new DicomDataset().SetBytes(new DicomTag(0x0029, 0x1031), DicomVR.OB, [0xFF, 0x00, 0xFE, 0xE0]));
        foreach (var ts in DicomTransferSyntax.Uncompressed)
        {
            var read = DicomFile.Read(new MemoryStream(SampleData.FileBytes(ds, ts))).Dataset;
            foreach (var (tag, bytes) in blobs)
            {
                // OW and UL are swapped in big endian and swapped back on reading; as little-endian bytes they must match.
                Assert.Equal(bytes, read.GetBytes(tag).ToArray());
                if (ts.IsExplicitVR) Assert.Equal(ds[tag].VR, read[tag].VR);
            }
            Assert.Equal("SIEMENS CSA HEADER", read.GetString(new DicomTag(0x0029, 0x0010)));
            Assert.Equal(DicomVR.LO, read[new DicomTag(0x0029, 0x0011)].VR);
            var items = read.GetSequence(new DicomTag(0x0029, 0x1030));
            if (ts.IsExplicitVR || items is not null)
                Assert.Equal(new byte[] { 0xFF, 0x00, 0xFE, 0xE0 }, items![0].GetBytes(new DicomTag(0x0029, 0x1031)).ToArray());
        }
    }

    [Fact]
    public void Private_tags_are_reserved_per_creator()
    {
        var ds = new DicomDataset();
        var a = ds.GetPrivateTag(0x0029, "VENDOR A", 0x01);
        var b = ds.GetPrivateTag(0x0029, "VENDOR B", 0x01);
        Assert.Equal(new DicomTag(0x0029, 0x1001), a);
        Assert.Equal(new DicomTag(0x0029, 0x1101), b);
        Assert.Equal(a, ds.GetPrivateTag(0x0029, "VENDOR A", 0x01));
        Assert.Equal("VENDOR B", ds.GetString(new DicomTag(0x0029, 0x0011)));
        Assert.Throws<ArgumentException>(() => ds.GetPrivateTag(0x0028, "X", 1));
    }
}
