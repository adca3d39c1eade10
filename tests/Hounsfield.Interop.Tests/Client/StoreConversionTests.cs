using System.Collections.Concurrent;
using System.Net;
using Hounsfield.Archive.Services;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs.Transcoding;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>`hounsfield store` converts files to a syntax the peer accepted when it refused their own, and `--decompress`.</summary>
public sealed class StoreConversionTests : IDisposable
{
    private static readonly DicomTransferSyntax Rle = DicomTransferSyntax.Get("1.2.840.10008.1.2.5");
    private static readonly DicomTransferSyntax JpegLsLossless = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.80");
    private readonly TempDirectory _dir = new();
    private readonly ConcurrentDictionary<string, DicomFile> _received = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A storage SCP accepting CT in <paramref name="syntaxes"/> only, keeping a copy of what it receives.</summary>
    private async Task<(DicomHost Host, string Peer)> PeerAsync(IReadOnlyList<DicomTransferSyntax> syntaxes)
    {
        var host = new DicomHost(new DicomHostOptions { AETitle = "PICKY", Port = 0, BindAddress = IPAddress.Loopback });
        host.Handle<CStoreRequest>((request, _, _) =>
        {
            var copy = _dir.File(Guid.NewGuid().ToString("N"));
            File.Copy(request.ReceivedFilePath!, copy);
            _received[request.AffectedSopInstanceUid!] = DicomFile.Open(copy);
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        }, [DicomUid.CTImageStorage.Value], syntaxes);
        await host.StartAsync();
        return (host, $"PICKY@127.0.0.1:{host.Endpoints[0].Port}");
    }

    private (string Path, DicomDataset Native) Write(string name, DicomTransferSyntax syntax)
    {
        var native = ClientStudies.Instance("1.2.826.0.1.3680043.2.1125.74", 1, 1, _received.Count + name.Length);
        var path = _dir.File(name);
        DicomTranscoder.Transcode(new DicomFile(native), syntax).Save(path);
        return (path, native);
    }

    private static byte[] NativePixels(DicomFile file) =>
        (file.TransferSyntax.IsEncapsulated ? DicomTranscoder.Transcode(file, DicomTransferSyntax.ExplicitVRLittleEndian) : file).Dataset.GetBytes(DicomTag.PixelData).ToArray();

    private static Task<PeerResult> CliAsync(params string[] args) => Task.Run(() => HounsfieldCli.Run(args));

    [Fact]
    public async Task A_compressed_file_is_decompressed_for_a_peer_that_takes_only_uncompressed()
    {
        var (host, peer) = await PeerAsync([DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian]);
        await using var _ = host;
        var (path, native) = Write("rle.dcm", Rle);
        var result = await CliAsync("store", peer, path);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var got = Assert.Single(_received.Values);
        Assert.False(got.TransferSyntax.IsEncapsulated);
        Assert.Equal(native.GetBytes(DicomTag.PixelData).ToArray(), got.Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public async Task Decompress_sends_uncompressed_to_a_peer_that_takes_everything()
    {
        var (host, peer) = await PeerAsync(StorageScp.TransferSyntaxes);
        await using var _ = host;
        var (path, native) = Write("jls.dcm", JpegLsLossless);
        var plain = await CliAsync("store", peer, path);
        Assert.True(plain.ExitCode == 0, plain.Output + plain.Error);
        Assert.Equal(JpegLsLossless, Assert.Single(_received.Values).TransferSyntax);
        _received.Clear();
        var result = await CliAsync("store", peer, path, "--decompress");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var got = Assert.Single(_received.Values);
        Assert.False(got.TransferSyntax.IsEncapsulated);
        Assert.Equal(native.GetBytes(DicomTag.PixelData).ToArray(), got.Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public async Task An_uncompressed_file_is_compressed_losslessly_for_a_peer_that_takes_only_jpeg_ls()
    {
        var (host, peer) = await PeerAsync([JpegLsLossless]);
        await using var _ = host;
        var (path, native) = Write("native.dcm", DicomTransferSyntax.ExplicitVRLittleEndian);
        var result = await CliAsync("store", peer, path);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var got = Assert.Single(_received.Values);
        Assert.Equal(JpegLsLossless, got.TransferSyntax);
        Assert.Equal(native.GetBytes(DicomTag.PixelData).ToArray(), NativePixels(got));
    }

    [Fact]
    public async Task A_file_without_a_codec_is_reported_as_not_convertible()
    {
        var (host, peer) = await PeerAsync([DicomTransferSyntax.ExplicitVRLittleEndian]);
        await using var _ = host;
        // MPEG-2 video has no pixel codec here: the file cannot be decoded for this peer.
        var ds = ClientStudies.Instance("1.2.826.0.1.3680043.2.1125.74", 2, 1, 1);
        var fragments = new DicomFragments();
        fragments.Add(new DicomFragment(new byte[] { 0x00, 0x00, 0x01, 0xB3, 0, 0 }));
        ds.Set(DicomTag.PixelData, fragments);
        var j2k = _dir.File("mpeg2.dcm");
        new DicomFile(ds, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.100")).Save(j2k);
        var (convertible, _) = Write("rle.dcm", Rle);
        var result = await CliAsync("store", peer, j2k, convertible);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"not stored: {System.Text.RegularExpressions.Regex.Escape(j2k)}: cannot convert MPEG2.* to a syntax the peer accepted \\(Explicit VR Little Endian\\)", result.Output);
        Assert.Contains("Stored 1 of 2", result.Output);
    }
}
