using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.UpperLayer;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Network;

/// <summary>Setup shared by the network interop tests: policies, options, listeners and ports on 127.0.0.1.</summary>
internal static class InteropNetwork
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long a DCMTK tool may run before it is killed and the test fails.</summary>
    public static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public static AcceptorPolicy VerificationPolicy() => new AcceptorPolicy()
        .Accept(DicomUid.Verification.Value, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian)
        .Accept(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian);

    public static AssociationRequest VerificationRequest(string calling = "SCU", string called = "SCP")
    {
        var rq = new AssociationRequest(calling, called);
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        return rq;
    }

    public static AssociationOptions FastOptions() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AcseTimeout = TimeSpan.FromSeconds(5),
        ArtimTimeout = TimeSpan.FromSeconds(2),
        DimseTimeout = TestTimeout,
    };

    public static (DicomListener Listener, int Port) StartListener(
        AcceptorPolicy policy, DicomListener.AssociationHandler handler, DicomListenerOptions? options = null)
    {
        options ??= new DicomListenerOptions { Association = FastOptions() };
        var listener = new DicomListener(policy, handler, options);
        var ep = listener.Listen(new IPEndPoint(IPAddress.Loopback, 0));
        return (listener, ep.Port);
    }

    /// <summary>A port free right now, for tools that must be told one (storescp, hounsfield serve --tls-port).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Retries <paramref name="connect"/> while the tool is still starting to listen (connection refused).</summary>
    public static async Task<T> WhenListeningAsync<T>(Func<Task<T>> connect, DcmtkProcess peer)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                return await connect();
            }
            catch (DicomNetworkException e) when (e.Message.Contains("cannot connect", StringComparison.Ordinal) && DateTime.UtcNow < deadline && !peer.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Reads a whole message (all fragments to the last one).</summary>
    public static async Task<(byte[] Data, List<PresentationDataValue> Fragments)> ReceiveMessageAsync(Association a, CancellationToken ct = default)
    {
        var data = new MemoryStream();
        var fragments = new List<PresentationDataValue>();
        while (true)
        {
            var pdv = await a.ReceiveAsync(ct) ?? throw new InvalidOperationException("release instead of data");
            fragments.Add(new PresentationDataValue(pdv.PresentationContextId, pdv.IsCommand, pdv.IsLastFragment, pdv.Data.ToArray()));
            data.Write(pdv.Data.Span);
            if (pdv.IsLastFragment) return (data.ToArray(), fragments);
        }
    }
}
