using Hounsfield.Dicom.Codecs.Transcoding;

namespace Hounsfield.Dicom.Codecs.Tests;

public class TranscodedFramesTests
{
    [Fact]
    public void A_spilled_result_leaves_no_file_behind_on_Unix_and_still_reads_back()
    {
        if (OperatingSystem.IsWindows()) return; // Windows removes the file itself when the handle closes
        var folder = Directory.CreateTempSubdirectory("hf-frames-test-").FullName;
        try
        {
            var frames = new TranscodedFrames(TranscodedFrames.InMemoryLimit + 1, folder);
            frames.Add([1, 2, 3]);
            frames.Add([4, 5]);

            // Nothing named is left for a process that exits or is killed with the result alive.
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
            Assert.Equal(new byte[] { 4, 5 }, frames.Fragment(1).GetBytes().ToArray());
            Assert.Equal(5, frames.Spilled!.Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
