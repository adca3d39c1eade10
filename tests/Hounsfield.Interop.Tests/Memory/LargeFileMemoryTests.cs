using System.Diagnostics;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Tests.Support;
using Hounsfield.Interop.Tests.Support;
using Xunit.Abstractions;

namespace Hounsfield.Interop.Tests.Memory;

/// <summary>
/// The guarantees: "Reading the metadata of a 2 GB multi-frame file keeps the process under 60 MB
/// peak memory", and transcoding holds one frame at a time. Runs <c>dotnet hounsfield.dll</c> on
/// ~2 GiB sparse files and samples the child's peak resident set (VmHWM) and bytes read (rchar)
/// from /proc until it exits.
/// </summary>
public class LargeFileMemoryTests(ITestOutputHelper output)
{
    // Two frames of 2 MiB each way, the runtime, and the codec's buffers: far below 2 GiB.
    private const long TranscodePeakLimitBytes = 120L * 1024 * 1024;
    private const long PeakLimitBytes = 60L * 1024 * 1024;

    // Far below the pixel data: what the runtime and the header take, not 2 GiB.
    private const long ReadLimitBytes = 64L * 1024 * 1024;

    [Fact]
    public void Dumping_a_2_GiB_native_multiframe_file_peaks_under_60_MB()
    {
        var path = LargeDicomFiles.CreateNative(Path.GetTempPath());
        try
        {
            var run = DumpAndSample(path);
            Assert.Contains($"(7FE0,0010) OW (not loaded, {LargeDicomFiles.NativePixelBytes} bytes at offset ", run.Stdout);
            AssertWithinLimits(run);
        }
        finally
        {
            LargeDicomFiles.Delete(path);
        }
    }

    [Fact]
    public void Dumping_a_2_GiB_file_of_20000_fragments_peaks_under_60_MB()
    {
        var path = LargeDicomFiles.CreateEncapsulated(Path.GetTempPath());
        try
        {
            var run = DumpAndSample(path);
            Assert.Contains($"(7FE0,0010) OB (PixelSequence #={LargeDicomFiles.EncapsulatedFrames + 1}) # PixelData", run.Stdout);
            Assert.Contains($"(Basic Offset Table, {LargeDicomFiles.EncapsulatedFrames} entries)", run.Stdout);
            AssertWithinLimits(run);
        }
        finally
        {
            LargeDicomFiles.Delete(path);
        }
    }

    [Fact]
    public void Transcoding_a_2_GiB_multiframe_file_to_RLE_and_back_holds_one_frame_at_a_time()
    {
        var path = LargeDicomFiles.CreateNative(Path.GetTempPath());
        var rle = path + ".rle.dcm";
        var back = path + ".back.dcm";
        try
        {
            foreach (var (from, to, ts) in new[] { (path, rle, "1.2.840.10008.1.2.5"), (rle, back, "1.2.840.10008.1.2.1") })
            {
                var run = RunAndSample("transcode", "--ts", ts, from, to);
                output.WriteLine($"{ts}: peak RSS (VmHWM) {run.PeakRssBytes / 1024.0 / 1024.0:F1} MiB, {run.Elapsed.TotalMilliseconds:F0} ms");
                Assert.True(run.ExitCode == 0, $"hounsfield transcode exited with {run.ExitCode}: {run.Stderr}");
                Assert.True(run.PeakRssBytes < TranscodePeakLimitBytes, $"peak RSS {run.PeakRssBytes:N0} bytes is over {TranscodePeakLimitBytes:N0}");
            }
            Assert.Equal(new FileInfo(path).Length, new FileInfo(back).Length);
            var pixels = new DicomPixelData(DicomFile.Open(back).Dataset);
            Assert.Equal(LargeDicomFiles.NativeFrames, pixels.NumberOfFrames);
            Assert.All(pixels.GetFrame(LargeDicomFiles.NativeFrames - 1), b => Assert.Equal(0, b));
        }
        finally
        {
            LargeDicomFiles.Delete(path);
            LargeDicomFiles.Delete(rle);
            LargeDicomFiles.Delete(back);
        }
    }

    private void AssertWithinLimits(DumpRun run)
    {
        output.WriteLine($"peak RSS (VmHWM) {run.PeakRssBytes / 1024.0 / 1024.0:F1} MiB, read {run.ReadBytes / 1024.0 / 1024.0:F1} MiB, {run.Samples} samples, {run.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(run.ExitCode == 0, $"hounsfield dump exited with {run.ExitCode}: {run.Stderr}");
        Assert.True(run.Samples > 0, "the process ended before its memory could be sampled");
        Assert.True(run.PeakRssBytes < PeakLimitBytes, $"peak RSS {run.PeakRssBytes:N0} bytes is over {PeakLimitBytes:N0}");
        Assert.True(run.ReadBytes < ReadLimitBytes, $"the dump read {run.ReadBytes:N0} bytes: it read pixel data");
    }

    private static DumpRun DumpAndSample(string path) => RunAndSample("dump", path);

    private static DumpRun RunAndSample(params string[] arguments)
    {
        var start = HounsfieldCli.StartInfo(arguments);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0, read = 0;
        var samples = 0;
        // VmHWM and rchar only grow, so the last sample before exit bounds everything before it.
        while (!process.HasExited)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                process.Kill();
                Assert.Fail($"hounsfield {arguments[0]} did not finish within 2 minutes");
            }
            if (TrySample(process.Id, out var hwm, out var rchar))
            {
                peak = Math.Max(peak, hwm);
                read = Math.Max(read, rchar);
                samples++;
            }
            Thread.Sleep(1);
        }
        process.WaitForExit();
        return new DumpRun(process.ExitCode, stdout.Result, stderr.Result, peak, read, samples, clock.Elapsed);
    }

    private static bool TrySample(int pid, out long peakRss, out long bytesRead)
    {
        peakRss = bytesRead = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    peakRss = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim()) * 1024;
            foreach (var line in File.ReadLines($"/proc/{pid}/io"))
                if (line.StartsWith("rchar:", StringComparison.Ordinal))
                    bytesRead = long.Parse(line.AsSpan(6).Trim());
            return peakRss > 0;
        }
        catch (IOException)
        {
            return false; // the process has just exited
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed record DumpRun(int ExitCode, string Stdout, string Stderr, long PeakRssBytes, long ReadBytes, int Samples, TimeSpan Elapsed);
}
