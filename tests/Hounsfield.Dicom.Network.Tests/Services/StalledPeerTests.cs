using System.Diagnostics;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>A peer that accepts an association and then stops reading must not block a sender forever.</summary>
public sealed class StalledPeerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-stall-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_store_to_a_peer_that_stops_reading_fails_within_the_dimse_timeout()
    {
        var policy = new AcceptorPolicy().Accept(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        using var release = new CancellationTokenSource();
        await using var peer = new FakeAcceptor(policy, async (_, _) => await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        // Far larger than the socket buffers, so the send really blocks.
        var ds = ServiceTestBase.CtDataset();
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, new byte[64 * 1024 * 1024]);
        var path = Path.Combine(_dir, "big.dcm");
        new DicomFile(ds).Save(path);
        var options = new DicomClientOptions().Propose(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        options.Association.DimseTimeout = TimeSpan.FromSeconds(1);
        await using var client = await DicomClient.ConnectAsync($"ANY@127.0.0.1:{peer.Port}", options);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DicomNetworkException>(() => client.StoreAsync(DicomFile.Open(path)).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("stopped reading", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        await release.CancelAsync();
    }
}
