using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network.Tests.Fuzz;

/// <summary>
/// Thousands of mutated byte streams (a valid association, C-ECHO and release, then bit flips,
/// overwrites, truncations, insertions and giant lengths) sent to a live host: none may crash or
/// hang it, and a well-formed association must still succeed afterwards.
/// </summary>
public sealed class HostFuzzTests
{
    private const int Cases = 2000;
    private const int Concurrency = 32;

    [Fact]
    public async Task Mutated_pdu_streams_never_crash_or_hang_the_host()
    {
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, _) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += onUnobserved;
        var options = new DicomHostOptions { Port = 0, BindAddress = IPAddress.Loopback, IdleTimeout = TimeSpan.FromSeconds(2) };
        options.Listener.Association.ArtimTimeout = TimeSpan.FromSeconds(1);
        options.Listener.Association.AcseTimeout = TimeSpan.FromSeconds(2);
        options.Listener.MaxAssociations = 1000;
        await using var host = new DicomHost(options).AddVerification();
        await host.StartAsync();
        var port = host.Endpoints[0].Port;
        var valid = ValidConversation();
        var random = new Random(20261124);
        var mutations = Enumerable.Range(0, Cases).Select(_ => Mutate(valid, random)).ToList();

        using var gate = new SemaphoreSlim(Concurrency);
        var outcomes = await Task.WhenAll(mutations.Select(async bytes =>
        {
            await gate.WaitAsync();
            try
            {
                return await SendAsync(port, bytes);
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(outcomes, closedInTime => Assert.True(closedInTime, "the host kept a fuzzed connection open past its timeouts"));
        await using var client = await DicomClient.ConnectAsync($"HOUNSFIELD@127.0.0.1:{port}");
        Assert.Equal(DimseStatus.Success, (await client.EchoAsync()).Status);
        await client.ReleaseAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= onUnobserved;
        Assert.Equal(0, unobserved);
    }

    [Fact]
    public async Task A_peer_that_connects_and_says_nothing_is_dropped_by_the_artim_timer()
    {
        var options = new DicomHostOptions { Port = 0, BindAddress = IPAddress.Loopback };
        options.Listener.Association.ArtimTimeout = TimeSpan.FromMilliseconds(500);
        await using var host = new DicomHost(options).AddVerification();
        await host.StartAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, host.Endpoints[0].Port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
        Assert.Equal(0, read);
    }

    // A-ASSOCIATE-RQ for Verification, a C-ECHO-RQ command in one P-DATA-TF, then A-RELEASE-RQ.
    private static byte[] ValidConversation()
    {
        var request = new AssociationRequest("FUZZER", "HOUNSFIELD");
        request.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        var stream = new MemoryStream();
        stream.Write(PduWriter.Encode(request.ToPdu(new AssociationOptions())));
        var command = new MemoryStream();
        new CEchoRequest { MessageId = 1 }.WriteCommand(command);
        var pdv = command.ToArray();
        var pdata = new byte[6 + 6 + pdv.Length];
        pdata[0] = 0x04;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(pdata.AsSpan(2), (uint)(6 + pdv.Length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(pdata.AsSpan(6), (uint)(2 + pdv.Length));
        pdata[10] = 1;
        pdata[11] = 0x03;
        pdv.CopyTo(pdata, 12);
        stream.Write(pdata);
        stream.Write([0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
        return stream.ToArray();
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            switch (random.Next(6))
            {
                case 0:
                    var bit = random.Next(bytes.Count * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 2:
                    var from = random.Next(bytes.Count);
                    bytes.RemoveRange(from, Math.Min(bytes.Count - from, 1 + random.Next(16)));
                    break;
                case 3:
                    bytes.InsertRange(random.Next(bytes.Count), Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    // A giant length at a random 4-byte-aligned place.
                    if (bytes.Count < 4) break;
                    var at = random.Next(bytes.Count - 3);
                    bytes[at] = 0xFF; bytes[at + 1] = 0xFF; bytes[at + 2] = (byte)random.Next(256); bytes[at + 3] = (byte)random.Next(256);
                    break;
                default:
                    var keep = random.Next(1, bytes.Count + 1);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
            }
            if (bytes.Count == 0) bytes.Add(0);
        }
        return [.. bytes];
    }

    // Sends the bytes, half-closes, and reads until the host closes; false if it never does.
    private static async Task<bool> SendAsync(int port, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[4096];
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
            return true;
        }
        catch (SocketException)
        {
            return true; // reset by the host: closed
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
