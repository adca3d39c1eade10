using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Hounsfield.Dicom.Network.Dimse;
using Xunit.Abstractions;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>Runs alone, so memory measured during it belongs to it.</summary>
[CollectionDefinition(nameof(LargeTransfers), DisableParallelization = true)]
public sealed class LargeTransfers;

/// <summary>
/// A 2 GiB C-STORE from DicomClient to DicomHost in one process: the data set is streamed from the
/// sender's file into the receiver's file, so neither the managed heap nor the working set grows
/// anywhere near the size of the instance.
/// </summary>
[Collection(nameof(LargeTransfers))]
public class LargeStoreTests(ITestOutputHelper output) : ServiceTestBase
{
    /// <summary>2 GiB of pixel data: above int.MaxValue, so no 32-bit length or array could hold it.</summary>
    private const long PixelBytes = 2L << 30;

    /// <summary>
    /// Writes a CT header with our writer, then a Pixel Data (7FE0,0010) OB element header of
    /// <paramref name="length"/> bytes, and extends the file with zeros (sparse, so it costs nothing).
    /// </summary>
    private string CreateLargeFile(long length)
    {
        // 32768 x 32768 x 16 bits: the 2 GiB the Pixel Data holds.
        var ds = CtDataset().Set(DicomTag.Rows, (ushort)32768).Set(DicomTag.Columns, (ushort)32768);
        ds.Remove(DicomTag.PixelData);
        var path = Path.Combine(Folder, "large.dcm");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            new DicomFile(ds).Save(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
            Span<byte> header = stackalloc byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(header, 0x7FE0);
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 0x0010);
            header[4] = (byte)'O';
            header[5] = (byte)'B';
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], checked((uint)length));
            stream.Write(header);
            stream.SetLength(stream.Position + length);
        }
        return path;
    }

    private static byte[] Hash(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        stream.Position = offset;
        return SHA256.HashData(stream);
    }

    private static long ResidentBytes()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    [Fact]
    public async Task TwoGigabyteStore_IsStreamed_AndArrivesByteIdentical()
    {
        var source = CreateLargeFile(PixelBytes);
        var kept = Path.Combine(Folder, "kept.dcm");
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((r, _, _) =>
        {
            File.Move(r.ReceivedFilePath!, kept);
            return Task.FromResult(r.CreateResponse(DimseStatus.Success));
        }, DicomUid.CTImageStorage));
        var file = DicomFile.Open(source);
        Assert.Equal(PixelBytes, file.Dataset[DicomTag.PixelData].Length);
        var options = ClientOptions().ProposeFor([file]);
        options.Association.DimseTimeout = TimeSpan.FromSeconds(60);
        var client = await ConnectAsync(host, options);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managedBefore = GC.GetTotalMemory(false);
        var residentBefore = ResidentBytes();
        long managedPeak = managedBefore, residentPeak = residentBefore;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
                residentPeak = Math.Max(residentPeak, ResidentBytes());
                try
                {
                    await Task.Delay(20, done.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var clock = Stopwatch.StartNew();
        var response = await client.StoreAsync(file).WaitAsync(TimeSpan.FromMinutes(2));
        clock.Stop();
        await done.CancelAsync();
        await sampler;

        Assert.Equal(DimseStatus.Success, response.Status);
        const long MB = 1 << 20;
        output.WriteLine($"{PixelBytes / MB} MiB stored in {clock.Elapsed.TotalSeconds:0.00} s ({PixelBytes / MB / clock.Elapsed.TotalSeconds:0} MiB/s)");
        output.WriteLine($"managed heap: {managedBefore / MB} MiB before, peak {managedPeak / MB} MiB (+{(managedPeak - managedBefore) / MB} MiB)");
        output.WriteLine($"working set: {residentBefore / MB} MiB before, peak {residentPeak / MB} MiB (+{(residentPeak - residentBefore) / MB} MiB)");
        Assert.True(managedPeak - managedBefore < 64 * MB, $"managed heap grew by {(managedPeak - managedBefore) / MB} MiB");
        Assert.True(residentPeak - residentBefore < 192 * MB, $"working set grew by {(residentPeak - residentBefore) / MB} MiB");

        var copy = DicomFile.Open(kept);
        Assert.Equal(PixelBytes, copy.Dataset[DicomTag.PixelData].Length);
        Assert.Equal(new FileInfo(source).Length - file.DatasetOffset, new FileInfo(kept).Length - copy.DatasetOffset);
        Assert.Equal(Hash(source, file.DatasetOffset), Hash(kept, copy.DatasetOffset));
        Assert.Empty(ReceivedTempFiles());
    }
}
