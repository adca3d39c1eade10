using Hounsfield.Archive.Configuration;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.Security;
using Hounsfield.Dicom.Network.Tests.Security;

namespace Hounsfield.Archive.Tests.Configuration;

/// <summary>A C-MOVE to a remote AE configured with TLS goes over TLS, with our certificate from Network.Tls.</summary>
public sealed class RemoteAETlsTests : IAsyncLifetime
{
    private readonly string _pem = Directory.CreateTempSubdirectory("hf-pem-").FullName;
    private readonly TestCertificates _certificates = new();
    private readonly ArchiveTestServer _source = new();
    private readonly ArchiveTestServer _destination = new();

    public async Task InitializeAsync()
    {
        var (serverCert, serverKey) = TestCertificates.WritePem(_certificates.Server, _pem, "server");
        var (clientCert, clientKey) = TestCertificates.WritePem(_certificates.Client, _pem, "client");
        var ca = Path.Combine(_pem, "ca.crt");
        File.WriteAllText(ca, _certificates.Ca.ExportCertificatePem());
        _destination.ConfigureHost = host =>
        {
            host.TlsPort = 0;
            host.Tls = DicomTlsServerOptions.FromPem(serverCert, serverKey, ca);
            host.Tls.ClientVerification = TlsPeerVerification.Required;
        };
        await _destination.StartAsync();
        var tlsPort = _destination.Server.Host.Endpoints[1].Port;
        _source.Options.Network.Tls = new TlsListenerOptions { Certificate = clientCert, PrivateKey = clientKey, CertificateAuthorities = ca };
        _source.Options.RemoteAEs["SECURE"] = new RemoteAEOptions { AETitle = "HOUNSFIELD", Host = "127.0.0.1", Port = tlsPort, Tls = true };
        await _source.StartAsync();
        for (var i = 0; i < 3; i++) await _source.StoreAsync(ArchiveTestServer.Instance(study: "1.2.11.1"));
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _destination.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_pem, recursive: true);
    }

    [Fact]
    public async Task A_move_to_a_TLS_remote_AE_arrives_over_TLS()
    {
        var model = DicomUid.StudyRootQueryRetrieveInformationModelMove.Value;
        await using var client = await DicomClient.ConnectAsync(_source.Peer, new DicomClientOptions().Propose(model));
        var identifier = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.11.1");
        DimseResponse? final = null;
        await foreach (var response in client.SendAsync(new CMoveRequest(model, "SECURE", identifier))) final = response;
        Assert.Equal(DimseStatus.Success, final!.Status);
        Assert.Equal(3L, (await _destination.Server.Index.CountAsync()).Instances);
    }
}
