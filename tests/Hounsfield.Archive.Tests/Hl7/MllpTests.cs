using System.Net;
using System.Net.Sockets;
using System.Text;
using Hounsfield.Archive.Hl7;

namespace Hounsfield.Archive.Tests.Hl7;

public sealed class MllpTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static async Task<List<MllpFrame>> ReadAllAsync(byte[] bytes, int max = 100)
    {
        var reader = new MllpFrameReader(new MemoryStream(bytes), max);
        var frames = new List<MllpFrame>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame) frames.Add(frame);
        return frames;
    }

    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.ASCII.GetBytes(s) : p is byte b ? [b] : (byte[])p)];

    [Fact]
    public async Task Frames_garbage_and_a_missing_trailing_cr()
    {
        var frames = await ReadAllAsync(Bytes("junk", Mllp.Frame("one"u8), "\n", Mllp.StartBlock, "two", Mllp.EndBlock, "x", Mllp.StartBlock, "cut"));
        Assert.Equal(["one", "two"], frames.Select(f => Encoding.ASCII.GetString(f.Payload)));
        Assert.Equal(4, frames[0].SkippedBytes);
        Assert.Equal(0, frames[1].SkippedBytes);
    }

    [Fact]
    public async Task Oversized_block_keeps_its_start_and_the_next_block_is_read()
    {
        var frames = await ReadAllAsync(Bytes(Mllp.Frame(Encoding.ASCII.GetBytes(new string('a', 250))), Mllp.Frame("next"u8)), max: 100);
        Assert.True(frames[0].Oversized);
        Assert.Equal(100, frames[0].Payload.Length);
        Assert.False(frames[1].Oversized);
        Assert.Equal("next", Encoding.ASCII.GetString(frames[1].Payload));
    }

    [Fact]
    public async Task A_start_block_inside_a_block_restarts_it()
    {
        var frames = await ReadAllAsync(Bytes(Mllp.StartBlock, "lost", Mllp.Frame("kept"u8)));
        Assert.Equal("kept", Encoding.ASCII.GetString(Assert.Single(frames).Payload));
        Assert.Equal(5, frames[0].SkippedBytes);
    }

    [Fact]
    public async Task Listener_answers_slow_and_garbled_clients_and_keeps_serving()
    {
        var log = new List<string>();
        await using var listener = new MllpListener(new IPEndPoint(IPAddress.Loopback, 0),
            frame => Encoding.ASCII.GetBytes("re:" + Encoding.ASCII.GetString(frame.Payload) + (frame.Oversized ? "+" : "")), 64, TimeSpan.FromSeconds(30), l => { lock (log) log.Add(l); });
        listener.Start();
        using (var slow = new TcpClient())
        {
            await slow.ConnectAsync(IPAddress.Loopback, listener.Endpoint.Port);
            var stream = slow.GetStream();
            foreach (var b in Bytes("garbage", Mllp.Frame("hello"u8)))
            {
                await stream.WriteAsync(new[] { b });
                await Task.Delay(2);
            }
            Assert.Equal("re:hello", await ReadReplyAsync(stream));
            await stream.WriteAsync(Mllp.Frame(Encoding.ASCII.GetBytes(new string('z', 500))));
            Assert.Equal("re:" + new string('z', 64) + "+", await ReadReplyAsync(stream));
        }
        using var next = new TcpClient();
        await next.ConnectAsync(IPAddress.Loopback, listener.Endpoint.Port);
        await next.GetStream().WriteAsync(Mllp.Frame("again"u8));
        Assert.Equal("re:again", await ReadReplyAsync(next.GetStream()));
        lock (log) Assert.Contains(log, l => l.Contains("skipped 7 byte(s)"));
    }

    [Fact]
    public async Task Idle_connection_is_closed()
    {
        await using var listener = new MllpListener(new IPEndPoint(IPAddress.Loopback, 0), f => f.Payload, 64, TimeSpan.FromMilliseconds(200));
        listener.Start();
        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, listener.Endpoint.Port);
        await idle.GetStream().WriteAsync(Bytes(Mllp.StartBlock, "never ends"));
        using var timeout = new CancellationTokenSource(Wait);
        Assert.Equal(0, await idle.GetStream().ReadAsync(new byte[16], timeout.Token));
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var frame = await new MllpFrameReader(stream, 1 << 20).ReadAsync(timeout.Token);
        return Encoding.ASCII.GetString(frame!.Payload);
    }
}
