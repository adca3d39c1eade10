using System.Net.Sockets;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary><see cref="DicomHost.StopAsync(TimeSpan)"/>: no new associations, open ones may finish within the grace period, the rest are aborted.</summary>
public sealed class GracefulStopTests : ServiceTestBase
{
    [Fact]
    public async Task Open_associations_go_on_during_the_grace_period_and_new_ones_are_refused()
    {
        var host = await StartHostAsync(h => h.AddVerification());
        var port = host.Endpoints[0].Port;
        var client = Own(await ConnectAsync(host, ClientOptions().Propose(DicomUid.Verification.Value)));
        var stopping = host.StopAsync(Timeout);
        await WaitUntilRefusedAsync(port);
        Assert.True((await client.EchoAsync()).Status.IsSuccess);
        await client.ReleaseAsync();
        await stopping.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Associations_still_open_after_the_grace_period_are_aborted()
    {
        var host = await StartHostAsync(h => h.AddVerification());
        var client = Own(await ConnectAsync(host, ClientOptions().Propose(DicomUid.Verification.Value)));
        await host.StopAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(Timeout);
        await Assert.ThrowsAnyAsync<Exception>(() => client.EchoAsync());
        Assert.Equal(0, host.ActiveAssociations);
    }

    private static async Task WaitUntilRefusedAsync(int port)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return;
            }
            await Task.Delay(20);
        }
        Assert.Fail("the port still accepted connections while stopping");
    }
}
