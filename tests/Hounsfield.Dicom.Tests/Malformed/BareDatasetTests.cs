using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.Malformed;

/// <summary>DicomDataset.Read (bare data sets, as DIMSE messages carry them) under the same damage as files.</summary>
public class BareDatasetTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var ts in DicomTransferSyntax.Uncompressed)
            foreach (var seekable in new[] { true, false })
                data.Add(ts.Uid.Value, seekable);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cut_and_corrupted_data_sets_read_or_fail_cleanly(string uid, bool seekable)
    {
        var ts = DicomTransferSyntax.Get(uid);
        var ms = new MemoryStream();
        SampleData.Representative().WriteTo(ms, ts);
        var original = ms.ToArray();
        var random = new Random(uid.Length * 7 + (seekable ? 1 : 0));
        var inputs = Enumerable.Range(0, original.Length).Select(n => original[..n]).ToList();
        for (var i = 0; i < 500; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = 0; k < 1 + random.Next(3); k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            inputs.Add(bytes);
        }
        var failures = 0;
        foreach (var bytes in inputs)
        {
            try
            {
                var ds = DicomDataset.Read(seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes), ts, MalformedHarness.SmallBulk);
                MalformedHarness.Touch(ds);
            }
            catch (DicomFormatException e)
            {
                failures++;
                Assert.Contains("offset", e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"{ts.Name}, {bytes.Length} bytes: {e.GetType().Name} instead of DicomFormatException: {e}");
            }
        }
        Assert.True(failures > 0);
    }
}
