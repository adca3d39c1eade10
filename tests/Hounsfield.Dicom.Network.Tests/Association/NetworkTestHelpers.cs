using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network.Tests.Association;

/// <summary>Shared setup for tests over real sockets on 127.0.0.1.</summary>
internal static class NetworkTestHelpers
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

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
    };

    public static (DicomListener Listener, int Port) StartListener(
        AcceptorPolicy policy, DicomListener.AssociationHandler handler, DicomListenerOptions? options = null)
    {
        options ??= new DicomListenerOptions { Association = FastOptions() };
        var listener = new DicomListener(policy, handler, options);
        var ep = listener.Listen(new IPEndPoint(IPAddress.Loopback, 0));
        return (listener, ep.Port);
    }

    /// <summary>Collects listener failures for assertions.</summary>
    public static ConcurrentQueue<Exception> CollectFailures(DicomListener listener)
    {
        var q = new ConcurrentQueue<Exception>();
        listener.Failed += (_, e) => q.Enqueue(e);
        return q;
    }

    /// <summary>A raw TCP client, for speaking bad protocol on purpose.</summary>
    public static async Task<Socket> RawConnectAsync(int port)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return s;
    }

    /// <summary>Reads one whole PDU (header + body) from a raw socket, or null at end of stream.</summary>
    public static async Task<byte[]?> RawReadPduAsync(Socket s, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeout);
        var header = new byte[6];
        if (!await ReadExactlyAsync(s, header, cts.Token)) return null;
        var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2));
        var pdu = new byte[6 + length];
        header.CopyTo(pdu, 0);
        if (!await ReadExactlyAsync(s, pdu.AsMemory(6), cts.Token)) throw new EndOfStreamException("PDU cut short");
        return pdu;
    }

    /// <summary>Waits until the peer closes the socket; true when it did within the timeout.</summary>
    public static async Task<bool> RawWaitForCloseAsync(Socket s, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await s.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0) return true;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket s, Memory<byte> buffer, CancellationToken ct)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = await s.ReceiveAsync(buffer.Slice(done), SocketFlags.None, ct);
            if (n == 0) return false;
            done += n;
        }
        return true;
    }

    public static byte[] EncodeRequest(AssociationRequest request) => PduWriter.Encode(request.ToPdu(new AssociationOptions()));

    /// <summary>Reads a whole message (all fragments to the last one) for one PDV type.</summary>
    public static async Task<(byte[] Data, List<PresentationDataValue> Fragments)> ReceiveMessageAsync(Dicom.Network.Association a, CancellationToken ct = default)
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
