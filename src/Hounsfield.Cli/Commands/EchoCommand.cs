using System.CommandLine;
using System.Diagnostics;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield echo PEER [--repeat N]</c>: C-ECHO, timed.</summary>
internal static class EchoCommand
{
    public static Command Create()
    {
        var peer = new Argument<string>("peer") { Description = "The remote AE, written AET@HOST:PORT, or a peer named in the client config" };
        var repeat = new Option<int>("--repeat") { Description = "Number of C-ECHOs on the association", DefaultValueFactory = _ => 1 };
        var network = new NetworkOptions();
        var command = new Command("echo", "Verify a DICOM peer with C-ECHO") { peer, repeat };
        network.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var target = network.Peer(parse.GetValue(peer)!);
            var count = Math.Max(1, parse.GetValue(repeat));
            var connecting = Stopwatch.StartNew();
            await using var client = await DicomClient.ConnectAsync(target, network.ToClientOptions(parse, parse.GetValue(peer)!), ct);
            Console.WriteLine($"Association with {target} accepted in {connecting.Elapsed.TotalMilliseconds:0.0} ms");
            var failures = 0;
            var total = Stopwatch.StartNew();
            for (var i = 1; i <= count; i++)
            {
                var one = Stopwatch.StartNew();
                var response = await client.EchoAsync(ct);
                if (!response.Status.IsSuccess) failures++;
                if (count <= 10 || i == count) Console.WriteLine($"C-ECHO {i}/{count}: {response.Status} in {one.Elapsed.TotalMilliseconds:0.00} ms");
            }
            await client.ReleaseAsync(ct);
            if (count > 1) Console.WriteLine($"{count} C-ECHOs in {total.Elapsed.TotalMilliseconds:0.0} ms ({count / total.Elapsed.TotalSeconds:0} per second), {failures} failed");
            if (failures > 0) throw new CommandException($"{failures} C-ECHO(s) did not succeed");
        }));
        return command;
    }
}
