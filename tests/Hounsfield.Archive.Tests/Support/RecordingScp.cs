using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Support;

/// <summary>A peer on a free loopback port that records what it receives: C-STOREs of the given classes and syntaxes, MPPS N-CREATE/N-SET.</summary>
public sealed class RecordingScp : IAsyncDisposable
{
    public sealed record Received(int Association, DimseCommandField Command, string SopClassUid, string SopInstanceUid, string? TransferSyntax, DicomDataset? Dataset);

    private readonly DicomHost _host;

    public ConcurrentQueue<Received> Messages { get; } = new();

    public string AETitle { get; }

    /// <summary>The status every C-STORE is answered with.</summary>
    public DimseStatus StoreStatus { get; set; } = DimseStatus.Success;

    public int Port => _host.Endpoints[0].Port;

    public DicomPeer Peer => new(AETitle, "127.0.0.1", Port);

    public RecordingScp(string aeTitle, IEnumerable<string> storageClasses, IReadOnlyList<DicomTransferSyntax>? syntaxes = null, bool mpps = false, int port = 0)
    {
        AETitle = aeTitle;
        _host = new DicomHost(new DicomHostOptions { AETitle = aeTitle, Port = port, BindAddress = System.Net.IPAddress.Loopback })
            .Handle<CStoreRequest>(StoreAsync, storageClasses, syntaxes);
        if (mpps)
        {
            _host.Handle<NCreateRequest>((r, c, _) => Record(r, c, r.AffectedSopInstanceUid), DicomUid.ModalityPerformedProcedureStep);
            _host.Handle<NSetRequest>((r, c, _) => Record(r, c, r.RequestedSopInstanceUid), DicomUid.ModalityPerformedProcedureStep);
        }
    }

    public Task StartAsync() => _host.StartAsync();

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after a minute.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting: " + what());
            await Task.Delay(50);
        }
    }

    private Task<DimseResponse> StoreAsync(CStoreRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        Messages.Enqueue(new Received(RuntimeHelpers.GetHashCode(context.Association), request.CommandField, request.AffectedSopClassUid!,
            request.AffectedSopInstanceUid!, request.File?.TransferSyntax.Uid.Value, request.File?.Dataset));
        return Task.FromResult(StoreStatus.IsSuccess ? request.CreateResponse(StoreStatus) : request.CreateResponse(StoreStatus, "refused by the test"));
    }

    private Task<DimseResponse> Record(DimseRequest request, DimseContext context, string? uid)
    {
        Messages.Enqueue(new Received(RuntimeHelpers.GetHashCode(context.Association), request.CommandField, request.SopClassUid!, uid ?? "", null, request.Dataset));
        return Task.FromResult(request.CreateResponse(DimseStatus.Success));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
