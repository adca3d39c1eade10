namespace Hounsfield.Dicom.Tests.Values;

public class NonNumericConversionTests
{
    // TryGetInt64 and TryGetDouble used to defer to each other for every VR neither knew, so asking
    // for a number from a name, date, UID or tag recursed until the stack overflowed.
    [Theory]
    [InlineData(DicomVR.PN, "Doe^John")]
    [InlineData(DicomVR.DA, "20240101")]
    [InlineData(DicomVR.UI, "1.2.3")]
    [InlineData(DicomVR.AE, "STORESCP")]
    [InlineData(DicomVR.UT, "12")]
    public void Asking_a_non_numeric_value_for_a_number_fails_without_throwing(DicomVR vr, string text)
    {
        var ds = new DicomDataset().Set(new DicomTag(0x0009, 0x1000), vr, text);
        Assert.False(ds.TryGetValue<double>(new DicomTag(0x0009, 0x1000), out _));
        Assert.False(ds.TryGetValue<int>(new DicomTag(0x0009, 0x1000), out _));
        Assert.False(ds.TryGetValue<ulong>(new DicomTag(0x0009, 0x1000), out _));
        Assert.Throws<FormatException>(() => ds.GetValue<long>(new DicomTag(0x0009, 0x1000)));
    }

    [Fact]
    public void A_tag_value_is_not_a_number()
    {
        var ds = new DicomDataset().Set(DicomTag.FrameIncrementPointer, DicomTag.FrameTime);
        Assert.False(ds.TryGetValue<double>(DicomTag.FrameIncrementPointer, out _));
        Assert.Equal(DicomTag.FrameTime, ds.GetValue<DicomTag>(DicomTag.FrameIncrementPointer));
    }
}
