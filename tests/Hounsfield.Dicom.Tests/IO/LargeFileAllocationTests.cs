using Hounsfield.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Hounsfield.Dicom.Tests.IO;

/// <summary>
/// Opening a 2 GiB multi-frame file reads its metadata only: the pixel data (native, or 20,000
/// fragments) stays in the file and costs a bounded amount of bookkeeping.
/// </summary>
public class LargeFileAllocationTests(ITestOutputHelper output)
{
    private const long Budget = 1 << 20;

    [Fact]
    public void Opening_a_2_GiB_native_multiframe_file_allocates_under_1_MiB()
    {
        var allocated = MeasureOpen(LargeDicomFiles.CreateNative, file =>
        {
            var pixels = file.Dataset[DicomTag.PixelData];
            Assert.Equal(DicomValueKind.Bulk, pixels.Kind);
            Assert.Equal(DicomVR.OW, pixels.VR);
            Assert.Equal(LargeDicomFiles.NativePixelBytes, pixels.Length);
            Assert.Equal(LargeDicomFiles.NativeFrames, file.Dataset.GetSequence(DicomTag.PerFrameFunctionalGroupsSequence)!.Count);
            Assert.Empty(file.Warnings);
        });
        Assert.True(allocated < Budget, $"DicomFile.Open allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Opening_a_2_GiB_file_of_20000_fragments_allocates_under_1_MiB()
    {
        var allocated = MeasureOpen(LargeDicomFiles.CreateEncapsulated, file =>
        {
            var fragments = file.Dataset.GetFragments(DicomTag.PixelData)!;
            Assert.Equal(LargeDicomFiles.EncapsulatedFrames, fragments.Count);
            Assert.Equal(LargeDicomFiles.EncapsulatedFrames, fragments.BasicOffsetTable.Count);
            Assert.Equal((uint)(19_999 * (8 + LargeDicomFiles.FragmentLength)), fragments.BasicOffsetTable[^1]);
            Assert.Empty(file.Warnings);
        });
        Assert.True(allocated < Budget, $"DicomFile.Open allocated {allocated:N0} bytes");
    }

    [Fact]
    public void The_fragments_of_a_2_GiB_file_are_located_and_read_without_reading_the_others()
    {
        var path = LargeDicomFiles.CreateEncapsulated(Path.GetTempPath());
        try
        {
            var fragments = DicomFile.Open(path).Dataset.GetFragments(DicomTag.PixelData)!;
            var last = fragments[^1];
            Assert.Equal(LargeDicomFiles.FragmentLength, last.Length);
            Assert.Equal(new FileInfo(path).Length - 8 - LargeDicomFiles.FragmentLength, last.Bulk!.Offset);
            var frame = fragments.GetFrameFragments(12_345, LargeDicomFiles.EncapsulatedFrames);
            Assert.Same(fragments[12_345], Assert.Single(frame));
            Assert.Equal(new byte[] { 0xFF, 0x4F, 0, 0 }, frame[0].GetBytes()[..4].ToArray());
        }
        finally
        {
            LargeDicomFiles.Delete(path);
        }
    }

    private long MeasureOpen(Func<string, string> create, Action<DicomFile> check)
    {
        var path = create(Path.GetTempPath());
        try
        {
            Assert.True(new FileInfo(path).Length > 2_000_000_000);
            DicomFile.Open(path); // warm-up: dictionary, pools and JIT are not the file's cost
            var before = GC.GetAllocatedBytesForCurrentThread();
            var file = DicomFile.Open(path);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            output.WriteLine($"DicomFile.Open of {new FileInfo(path).Length:N0} bytes allocated {allocated:N0} bytes");
            check(file);
            return allocated;
        }
        finally
        {
            LargeDicomFiles.Delete(path);
        }
    }
}
