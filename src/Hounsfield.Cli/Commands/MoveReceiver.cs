using System.Net;
using Hounsfield.Archive.Services;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// The storage SCP of <c>move --listen</c>: runs under the move destination AE while the C-MOVE is
/// outstanding and saves its sub-operations to the output folder. Instances the C-MOVE did not ask
/// for (a Patient ID, Study, Series or SOP Instance UID outside the identifier's unique keys), and any
/// instance arriving once the C-MOVE has ended, are refused with FE00H — what the Carestream Load
/// Manager answers "The stored instances have not been requested" (seed 000 §5.2). FE00H is a Cancel
/// status in PS3.4, not a storage failure code; the peer counts those sub-operations as failed.
/// </summary>
internal sealed class MoveReceiver : IAsyncDisposable
{
    public const string NotRequested = "The stored instances have not been requested";

    private static readonly DicomTag[] UniqueKeys = [DicomTag.PatientID, DicomTag.StudyInstanceUID, DicomTag.SeriesInstanceUID, DicomTag.SOPInstanceUID];

    private readonly DicomHost _host;
    private readonly InstanceFolder _folder;
    private readonly DicomDataset _identifier;
    private readonly IPEndPoint _endpoint;
    private volatile bool _closed;
    private int _refused;

    public MoveReceiver(string aeTitle, IPEndPoint endpoint, InstanceFolder folder, DicomDataset identifier, AssociationOptions association, DicomTlsServerOptions? tls)
    {
        _folder = folder;
        _identifier = identifier;
        _endpoint = endpoint;
        var options = tls is null
            ? new DicomHostOptions { AETitle = aeTitle, Port = endpoint.Port, BindAddress = endpoint.Address }
            : new DicomHostOptions { AETitle = aeTitle, Port = null, TlsPort = endpoint.Port, Tls = tls, BindAddress = endpoint.Address };
        // Our timeouts and PDU size; the client's TLS settings are for the C-MOVE association, not the listener.
        options.Listener.Association = association.Clone();
        options.Listener.Association.Tls = null;
        _host = new DicomHost(options).AddVerification();
        _host.Handle<CStoreRequest>(ReceiveAsync, InstanceFolder.StorageSopClasses, StorageScp.TransferSyntaxes);
    }

    /// <summary>Instances refused because they were not asked for.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _host.StartAsync(cancellationToken);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new CommandException($"cannot listen on {_endpoint} as {_host.Options.AETitle}: {e.Message}");
        }
    }

    /// <summary>
    /// Called with the C-MOVE's final response: waits (up to <paramref name="timeout"/>) until the
    /// <paramref name="expected"/> instances are saved, and briefly for the peer's store associations
    /// to end, then refuses whatever still comes. False when the instances did not all arrive in time.
    /// </summary>
    public async Task<bool> CompleteAsync(int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (_folder.Saved < expected && DateTime.UtcNow < deadline) await Task.Delay(20, cancellationToken);
        // A peer may keep its store association a moment longer; what it still sends would be unrequested.
        var linger = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (_host.ActiveAssociations > 0 && DateTime.UtcNow < linger) await Task.Delay(20, cancellationToken);
        _closed = true;
        return _folder.Saved >= expected;
    }

    private Task<DimseResponse> ReceiveAsync(CStoreRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (_closed || request.File is not { } file || !IsRequested(file.Dataset))
        {
            Interlocked.Increment(ref _refused);
            return Task.FromResult(request.CreateResponse(DimseStatus.Cancel, NotRequested));
        }
        return Task.FromResult(_folder.Save(request));
    }

    // C-MOVE identifiers carry unique keys only (PS3.4 C.4.2.1.4), each a single value or a list of UIDs.
    private bool IsRequested(DicomDataset instance)
    {
        foreach (var key in UniqueKeys)
        {
            var wanted = _identifier.GetStrings(key);
            if (wanted.Length == 0 || wanted.All(string.IsNullOrEmpty)) continue;
            if (instance.GetString(key) is not { } value || !wanted.Contains(value, StringComparer.Ordinal)) return false;
        }
        return true;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
