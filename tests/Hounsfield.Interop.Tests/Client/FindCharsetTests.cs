using System.Collections.Concurrent;
using System.Net;
using Hounsfield.Archive;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>`find --charset`: the query is sent in that Specific Character Set, byte for byte, and an archive matches it.</summary>
public sealed class FindCharsetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("ISO_IR 100", "Müller*", "4DFC6C6C65722A")]
    [InlineData("ISO_IR 192", "Müller*", "4DC3BC6C6C65722A")]
    [InlineData("ISO_IR 144", "Иванов*", "B8D2D0DDDED22A")]
    public async Task The_query_goes_out_encoded_in_the_given_character_set(string charset, string name, string expectedHex)
    {
        var query = await QueryAsReceivedAsync(charset, $"PatientName={name}");
        Assert.Equal(charset, query.GetString(DicomTag.SpecificCharacterSet));
        // An odd-length value is padded with a space (PS3.5 6.2).
        Assert.Equal(expectedHex.Length % 4 == 2 ? expectedHex + "20" : expectedHex, Convert.ToHexString(query.GetBytes(DicomTag.PatientName).Span));
        Assert.Equal(name, query.GetString(DicomTag.PatientName));
    }

    [Fact]
    public async Task An_ISO_2022_query_switches_to_the_kanji_set_and_back()
    {
        var query = await QueryAsReceivedAsync(@"\ISO 2022 IR 87", "PatientName=Yamada^Taro=山田^太郎");
        Assert.Equal(["", "ISO 2022 IR 87"], query.GetStrings(DicomTag.SpecificCharacterSet));
        Assert.Contains("1B2442", Convert.ToHexString(query.GetBytes(DicomTag.PatientName).Span)); // ESC $ B: JIS X 0208
        Assert.Equal("Yamada^Taro=山田^太郎", query.GetString(DicomTag.PatientName));
    }

    /// <summary>Runs <c>find --charset CHARSET -k KEY</c> against a host that records the identifier as it arrived.</summary>
    private static async Task<DicomDataset> QueryAsReceivedAsync(string charset, string key)
    {
        var received = new ConcurrentQueue<DicomDataset>();
        await using var host = new DicomHost(new DicomHostOptions { AETitle = "CHARSET", Port = 0, BindAddress = IPAddress.Loopback })
            .Handle<CFindRequest>((request, _, _) =>
            {
                received.Enqueue(request.Dataset!);
                return Task.FromResult(request.CreateResponse(DimseStatus.Success));
            }, DicomUid.StudyRootQueryRetrieveInformationModelFind);
        await host.StartAsync();
        var find = await Task.Run(() => HounsfieldCli.Run("find", $"CHARSET@127.0.0.1:{host.Endpoints[0].Port}", "--charset", charset, "-k", key));
        Assert.True(find.ExitCode == 0, find.Output + find.Error);
        return Assert.Single(received);
    }

    [Theory]
    [InlineData("ISO_IR 100")]
    [InlineData("ISO_IR 192")]
    public async Task Our_archive_matches_a_query_sent_in_either_character_set(string charset)
    {
        var name = charset.Replace(' ', '_');
        await using var server = ArchiveServer.Create(new ArchiveOptions { DataDirectory = _dir.File($"data-{name}") },
            new DicomHostOptions { Port = 0, BindAddress = IPAddress.Loopback });
        await server.Host.StartAsync();
        var peer = $"HOUNSFIELD@127.0.0.1:{server.Host.Endpoints[0].Port}";
        ClientStudies.Write(_dir.File($"send-{name}"), "1.2.826.0.1.3680043.2.1125.75");
        HounsfieldCli.Run("store", peer, _dir.File($"send-{name}")).EnsureSuccess();

        var find = await Task.Run(() => HounsfieldCli.Run("find", peer, "--model", "patient", "--level", "PATIENT", "--charset", charset,
            "-k", "PatientName=Mü*", "-k", "PatientID", "--csv").EnsureSuccess());
        var rows = find.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["PatientName,PatientID", "Müller^Anna,P1"], rows.Select(r => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(r))));
    }
}
