using System.Buffers.Binary;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.Tests.Association;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>A requestor speaking PDUs by hand over a raw socket, so a test can pause mid-message or drop the connection.</summary>
internal sealed class RawPeer : IDisposable
{
    private RawPeer(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    /// <summary>Connects and negotiates <paramref name="request"/>; fails unless an A-ASSOCIATE-AC comes back.</summary>
    public static async Task<RawPeer> AssociateAsync(int port, AssociationRequest request)
    {
        var socket = await NetworkTestHelpers.RawConnectAsync(port);
        await socket.SendAsync(NetworkTestHelpers.EncodeRequest(request));
        var ac = await NetworkTestHelpers.RawReadPduAsync(socket);
        Assert.True(ac is { Length: > 0 } && ac[0] == 0x02, $"expected A-ASSOCIATE-AC, got PDU type {ac?[0]}");
        return new RawPeer(socket);
    }

    /// <summary>One P-DATA-TF with one PDV (PS3.8 §9.3.5).</summary>
    public static byte[] PData(byte contextId, bool isCommand, bool isLast, ReadOnlySpan<byte> data)
    {
        var pdu = new byte[12 + data.Length];
        pdu[0] = 0x04;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)(6 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(6), (uint)(2 + data.Length));
        pdu[10] = contextId;
        pdu[11] = (byte)((isCommand ? 1 : 0) | (isLast ? 2 : 0));
        data.CopyTo(pdu.AsSpan(12));
        return pdu;
    }

    public async Task SendCommandAsync(byte contextId, DimseMessage message)
    {
        var command = new MemoryStream();
        message.WriteCommand(command);
        await Socket.SendAsync(PData(contextId, isCommand: true, isLast: true, command.ToArray()));
    }

    public async Task SendDataAsync(byte contextId, ReadOnlyMemory<byte> data, bool isLast) =>
        await Socket.SendAsync(PData(contextId, isCommand: false, isLast, data.Span));

    /// <summary>Reads PDUs up to the next command PDV marked last and decodes it (P-DATA only, one PDV per PDU as we send them).</summary>
    public async Task<DimseMessage> ReadCommandAsync()
    {
        var command = new MemoryStream();
        while (true)
        {
            var pdu = await NetworkTestHelpers.RawReadPduAsync(Socket) ?? throw new EndOfStreamException("connection closed");
            Assert.Equal(0x04, pdu[0]);
            for (var at = 6; at < pdu.Length;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(pdu.AsSpan(at));
                var header = pdu[at + 5];
                command.Write(pdu, at + 6, length - 2);
                at += 4 + length;
                if ((header & 3) == 3)
                {
                    command.Position = 0;
                    return DimseMessage.ReadCommand(command);
                }
            }
        }
    }

    /// <summary>Sends A-RELEASE-RQ and collects the commands that arrive before the A-RELEASE-RP.</summary>
    public async Task<List<DimseMessage>> ReleaseCollectingCommandsAsync()
    {
        await Socket.SendAsync(new byte[] { 0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0 });
        var commands = new List<DimseMessage>();
        var command = new MemoryStream();
        while (true)
        {
            var pdu = await NetworkTestHelpers.RawReadPduAsync(Socket) ?? throw new EndOfStreamException("closed before A-RELEASE-RP");
            if (pdu[0] == 0x06) return commands;
            Assert.Equal(0x04, pdu[0]);
            for (var at = 6; at < pdu.Length;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(pdu.AsSpan(at));
                var header = pdu[at + 5];
                if ((header & 1) == 1) command.Write(pdu, at + 6, length - 2);
                at += 4 + length;
                if ((header & 3) == 3)
                {
                    command.Position = 0;
                    commands.Add(DimseMessage.ReadCommand(command));
                    command = new MemoryStream();
                }
            }
        }
    }

    public async Task ReleaseAsync()
    {
        await Socket.SendAsync(new byte[] { 0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0 });
        var rp = await NetworkTestHelpers.RawReadPduAsync(Socket);
        Assert.Equal((byte)0x06, rp?[0]);
    }

    public void Drop() => FakeAcceptor.Drop(Socket);

    public void Dispose() => Socket.Dispose();
}
