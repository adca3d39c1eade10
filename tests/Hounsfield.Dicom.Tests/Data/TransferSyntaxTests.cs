using System.Collections;
using System.Reflection;

namespace Hounsfield.Dicom.Tests.Data;

public class TransferSyntaxTests
{
    [Fact]
    public void Registry_syntaxes_have_their_properties()
    {
        Assert.False(DicomTransferSyntax.ImplicitVRLittleEndian.IsExplicitVR);
        Assert.True(DicomTransferSyntax.ExplicitVRBigEndian.IsBigEndian);
        Assert.True(DicomTransferSyntax.DeflatedExplicitVRLittleEndian.IsDeflated);
        Assert.False(DicomTransferSyntax.DeflatedExplicitVRLittleEndian.IsEncapsulated);
        Assert.True(DicomTransferSyntax.Get(DicomUid.JPEGBaseline8Bit.Value).IsEncapsulated);
        Assert.True(DicomTransferSyntax.Get(DicomUid.JPEGBaseline8Bit.Value).IsLossy);
        Assert.Same(DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.Get("1.2.840.10008.1.2.1\0"));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.Parse("ExplicitVRLittleEndian"));
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, DicomTransferSyntax.Parse("explicit vr big endian"));
        Assert.Null(DicomTransferSyntax.Parse("No Such Syntax"));
    }

    [Fact]
    public void Unknown_UIDs_read_from_files_do_not_grow_the_cache()
    {
        var cache = (IDictionary)typeof(DicomTransferSyntax).GetField("Cache", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        for (var i = 0; i < 100; i++)
        {
            var ts = DicomTransferSyntax.Get($"1.2.3.999.{i}");
            Assert.True(ts.IsExplicitVR && ts.IsEncapsulated);
            Assert.Equal(ts, DicomTransferSyntax.Get($"1.2.3.999.{i}"));
        }
        for (var i = 0; i < 100; i++) Assert.False(cache.Contains($"1.2.3.999.{i}"), $"1.2.3.999.{i} was cached");
        Assert.True(cache.Contains(DicomTransferSyntax.ExplicitVRLittleEndian.Uid.Value));
    }
}
