using System.Collections.Concurrent;
using System.Net;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Media;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Media;

/// <summary>`hounsfield store FOLDER` on media sends what the DICOMDIR references, and says what it references but lacks.</summary>
public sealed class DicomdirStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ConcurrentBag<string> _received = [];

    public void Dispose() => _temp.Dispose();

    private string Write(string fileId, int number)
    {
        var ds = Samples.CTImage().Set(DicomTag.SOPInstanceUID, $"1.2.826.0.1.3680043.2.1125.77.{number}");
        var path = Path.Combine([_temp.Path, .. fileId.Split('/')]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new DicomFile(ds).Save(path);
        return path;
    }

    [Fact]
    public async Task Only_the_referenced_files_are_sent_and_missing_ones_are_reported()
    {
        Write("DICOM/IM1", 1);
        Write("DICOM/IM2", 2);
        var gone = Write("DICOM/IM3", 3);
        new DicomDirectoryBuilder(_temp.Path).AddFolder().Save();
        File.Delete(gone);
        Write("DICOM/NOTLISTED", 4);

        await using var host = new DicomHost(new DicomHostOptions { AETitle = "MEDIA", Port = 0, BindAddress = IPAddress.Loopback })
            .Handle<CStoreRequest>((request, _, _) =>
            {
                _received.Add(request.AffectedSopInstanceUid!);
                return Task.FromResult(request.CreateResponse(DimseStatus.Success));
            }, [DicomUid.CTImageStorage.Value]);
        await host.StartAsync();
        var result = await Task.Run(() => HounsfieldCli.Run("store", $"MEDIA@127.0.0.1:{host.Endpoints[0].Port}", _temp.Path));

        Assert.Equal(["1.2.826.0.1.3680043.2.1125.77.1", "1.2.826.0.1.3680043.2.1125.77.2"], _received.Order());
        Assert.Contains(@"DICOM\IM3", result.Output + result.Error);
        Assert.Contains("not found", result.Output + result.Error);
    }
}
