using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>`hounsfield serve --config`: errors before starting, command-line options over the file.</summary>
public sealed class ServeConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-serve-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_unknown_key_stops_serve_with_the_key_and_the_line()
    {
        var config = Path.Combine(_dir, "bad.json");
        File.WriteAllText(config, "{\n  \"Network\": {\n    \"Prot\": 104\n  }\n}\n");
        var result = HounsfieldCli.Run("serve", "--config", config, "--data", Path.Combine(_dir, "data"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.json line 3: unknown key 'Prot'", result.Error);
    }

    [Fact]
    public async Task Command_line_options_override_the_file()
    {
        var config = Path.Combine(_dir, "hounsfield.json");
        File.WriteAllText(config, """{ "Network": { "AETitle": "FROMFILE", "Port": 1 }, "DataDirectory": "ignored" }""");
        var port = InteropNetwork.FreePort();
        var data = Path.Combine(_dir, "data");
        await using var server = HounsfieldCli.Start("serve", "--config", config, "--aet", "FROMCLI", "--port", port.ToString(), "--data", data);
        await server.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(30));
        PeerTool.Run("echoscu", "-aec", "FROMCLI", "127.0.0.1", port.ToString()).EnsureSuccess();
        Assert.True(Directory.Exists(data));
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }
}
