namespace Hounsfield.Dicom.Tests.Values;

/// <summary>Binary VRs: set/get round trips with their little-endian bytes computed by hand.</summary>
public class BinaryValueTests
{
    private static readonly DicomTag Tag = new(0x0009, 0x1000);

    [Fact]
    public void US() => Check(DicomVR.US, new ushort[] { 0, 1, 0xABCD, 65535 }, "0000 0100 CDAB FFFF");

    [Fact]
    public void SS() => Check(DicomVR.SS, new short[] { -1, short.MinValue, 0x1234 }, "FFFF 0080 3412");

    [Fact]
    public void UL() => Check(DicomVR.UL, new uint[] { 0x01020304, uint.MaxValue }, "04030201 FFFFFFFF");

    [Fact]
    public void SL() => Check(DicomVR.SL, new int[] { -2, int.MinValue }, "FEFFFFFF 00000080");

    [Fact]
    public void SV() => Check(DicomVR.SV, new long[] { -2, long.MaxValue }, "FEFFFFFFFFFFFFFF FFFFFFFFFFFFFF7F");

    [Fact]
    public void UV() => Check(DicomVR.UV, new ulong[] { ulong.MaxValue, 0x0102030405060708 }, "FFFFFFFFFFFFFFFF 0807060504030201");

    [Fact]
    public void FL() => Check(DicomVR.FL, new float[] { 1.0f, -2.5f, float.NaN }, "0000803F 000020C0 0000C0FF");

    [Fact]
    public void FD() => Check(DicomVR.FD, new double[] { 1.0, -0.5 }, "000000000000F03F 000000000000E0BF");

    [Fact]
    public void OW() => Check(DicomVR.OW, new ushort[] { 0x0102, 0xFFFE }, "0201 FEFF");

    [Fact]
    public void OL() => Check(DicomVR.OL, new uint[] { 0x0A0B0C0D }, "0D0C0B0A");

    [Fact]
    public void OF() => Check(DicomVR.OF, new float[] { 2.0f }, "00000040");

    [Fact]
    public void OD() => Check(DicomVR.OD, new double[] { 2.0 }, "0000000000000040");

    [Fact]
    public void OV() => Check(DicomVR.OV, new ulong[] { 0x8000000000000001 }, "0100000000000080");

    [Fact]
    public void OB_with_odd_length_is_padded_with_NUL()
    {
        var ds = new DicomDataset().Set(Tag, DicomVR.OB, (byte)1, (byte)2, (byte)3);
        Assert.Equal(new byte[] { 1, 2, 3, 0 }, ds[Tag].Bytes.ToArray());
    }

    [Fact]
    public void AT_holds_group_then_element()
    {
        var ds = new DicomDataset().Set(Tag, DicomVR.AT, new DicomTag(0x0018, 0x00FF), DicomTag.PixelData);
        Assert.Equal(Convert.FromHexString("1800FF00E07F1000"), ds[Tag].Bytes.ToArray());
        Assert.Equal([new DicomTag(0x0018, 0x00FF), DicomTag.PixelData], ds.GetValues<DicomTag>(Tag));
        Assert.Equal(@"(0018,00FF)\(7FE0,0010)", ds.GetString(Tag));
        Assert.Equal(2, ds.GetValueCount(Tag));
    }

    [Fact]
    public void Out_of_range_conversions_fail()
    {
        var ds = new DicomDataset().Set(Tag, DicomVR.SL, -1, 70000);
        Assert.False(ds.TryGetValue<ushort>(Tag, 0, out _));
        Assert.False(ds.TryGetValue<uint>(Tag, 0, out _));
        Assert.False(ds.TryGetValue<short>(Tag, 1, out _));
        Assert.Equal(70000, ds.GetValue<int>(Tag, 1));
        Assert.Equal(-1.0, ds.GetValue<double>(Tag));
        var big = new DicomDataset().Set(Tag, DicomVR.UV, ulong.MaxValue);
        Assert.False(big.TryGetValue<long>(Tag, out _));
        Assert.Equal(ulong.MaxValue, big.GetValue<ulong>(Tag));
        Assert.Equal("18446744073709551615", big.GetString(Tag));
    }

    [Fact]
    public void Values_past_the_end_are_absent()
    {
        var ds = new DicomDataset().Set(Tag, DicomVR.US, (ushort)1);
        Assert.False(ds.TryGetValue<int>(Tag, 1, out _));
        Assert.False(ds.TryGetValue<int>(Tag, -1, out _));
        Assert.Throws<FormatException>(() => ds.GetValue<int>(Tag, 1));
        Assert.Throws<KeyNotFoundException>(() => ds.GetValue<int>(DicomTag.Rows));
        Assert.Equal(7, ds.GetValueOrDefault(DicomTag.Rows, 0, 7));
    }

    [Fact]
    public void Truncated_binary_values_count_only_whole_values()
    {
        var ds = new DicomDataset().SetBytes(Tag, DicomVR.UL, [1, 0, 0, 0, 2, 0]);
        Assert.Equal(1, ds.GetValueCount(Tag));
        Assert.Equal([1u], ds.GetValues<uint>(Tag));
    }

    [Fact]
    public void Dictionary_VR_chooses_US_or_SS_from_the_value_type()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SmallestImagePixelValue, (short)-5);
        ds.Set(DicomTag.LargestImagePixelValue, (ushort)5);
        Assert.Equal(DicomVR.SS, ds[DicomTag.SmallestImagePixelValue].VR);
        Assert.Equal(DicomVR.US, ds[DicomTag.LargestImagePixelValue].VR);
        Assert.Equal(-5, ds.GetValue<int>(DicomTag.SmallestImagePixelValue));
    }

    private static void Check<T>(DicomVR vr, T[] values, string hex)
    {
        var ds = new DicomDataset().Set(Tag, vr, values);
        Assert.Equal(Convert.FromHexString(hex.Replace(" ", "")), ds[Tag].Bytes.ToArray());
        Assert.Equal(values.Length, ds.GetValueCount(Tag));
        Assert.Equal(values, ds.GetValues<T>(Tag));
        Assert.Equal(vr, ds[Tag].VR);
        // And through a file in every uncompressed syntax (explicit VR keeps the VR; implicit makes it UN).
        foreach (var ts in DicomTransferSyntax.Uncompressed)
        {
            var read = DicomFile.Read(new MemoryStream(Support.SampleData.FileBytes(ds, ts))).Dataset;
            Assert.Equal(Convert.FromHexString(hex.Replace(" ", "")), read.GetBytes(Tag).ToArray());
            if (ts.IsExplicitVR) Assert.Equal(values, read.GetValues<T>(Tag));
        }
    }
}
