using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Network;

namespace Hounsfield.Interop.Tests.Support;

/// <summary>
/// Orthanc (Debian package <c>orthanc</c>) started for one test class: a temporary JSON configuration
/// with free DICOM and HTTP ports, its own storage and index folders, our AEs as DICOM modalities,
/// no remote access and no authentication; ready when its REST API answers <c>GET /system</c>;
/// stopped through its own process id.
/// </summary>
public sealed class OrthancProcess : IAsyncDisposable
{
    public const string AETitle = "ORTHANC";

    private readonly DcmtkProcess _process;

    private OrthancProcess(DcmtkProcess process, int dicomPort, int httpPort)
    {
        _process = process;
        DicomPort = dicomPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(120) };
    }

    public int DicomPort { get; }

    /// <summary>Orthanc as a peer of our client tools.</summary>
    public string Peer => $"{AETitle}@127.0.0.1:{DicomPort}";

    public HttpClient Http { get; }

    public string Output => _process.Output;

    /// <summary>Starts Orthanc under <paramref name="folder"/> knowing <paramref name="modalities"/> (REST name to AE).</summary>
    public static async Task<OrthancProcess> StartAsync(string folder, IReadOnlyDictionary<string, DicomPeer> modalities)
    {
        int dicomPort = InteropNetwork.FreePort(), httpPort = InteropNetwork.FreePort();
        var known = new JsonObject();
        foreach (var (name, peer) in modalities) known[name] = new JsonArray(peer.AETitle, peer.Host, peer.Port);
        var config = new JsonObject
        {
            ["Name"] = "hounsfield-interop",
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "index"),
            ["StorageCompression"] = false,
            ["Plugins"] = new JsonArray(),
            ["HttpPort"] = httpPort,
            ["DicomPort"] = dicomPort,
            ["DicomAet"] = AETitle,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomCheckCalledAet"] = true,
            ["DicomAlwaysAllowEcho"] = true,
            ["DicomAlwaysAllowStore"] = true,
            ["DicomModalities"] = known,
            ["DicomScuTimeout"] = 60,
            ["DicomScpTimeout"] = 60,
            ["SaveJobs"] = false,
            ["ConcurrentJobs"] = 1,
        };
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "orthanc.json");
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var orthanc = new OrthancProcess(DcmtkProcess.StartProgram(Locate(), "Orthanc", path), dicomPort, httpPort);
        await orthanc.WaitForRestAsync(TimeSpan.FromSeconds(90));
        return orthanc;
    }

    private static string Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin"))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "Orthanc"))) return Path.Combine(dir, "Orthanc");
        Assert.Fail("Orthanc is not installed (Debian package: orthanc); the interop tests need it — .ci/run installs it with apt-get");
        return "";
    }

    // Startup on a loaded 2-core machine (database creation, DICOM dictionary) can take several seconds.
    private async Task WaitForRestAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) Assert.Fail($"Orthanc exited during startup:\n{Output}");
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Http.GetAsync("system", probe.Token);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"Orthanc's REST API did not answer within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}\n{Output}");
        return JsonNode.Parse(body)!;
    }

    public async Task<JsonNode> PostAsync(string path, JsonNode body)
    {
        using var response = await Http.PostAsync(path, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} {body.ToJsonString()}: {(int)response.StatusCode} {text}\n{Output}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    /// <summary>Registers (or replaces) a DICOM modality through the REST API (<c>PUT /modalities/{name}</c>).</summary>
    public async Task AddModalityAsync(string name, DicomPeer peer)
    {
        var body = new JsonObject { ["AET"] = peer.AETitle, ["Host"] = peer.Host, ["Port"] = peer.Port };
        using var response = await Http.PutAsync($"modalities/{name}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"PUT modalities/{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{Output}");
    }

    /// <summary>The Orthanc identifiers of the instances of study <paramref name="studyInstanceUid"/>.</summary>
    public async Task<List<string>> InstancesOfStudyAsync(string studyInstanceUid)
    {
        var found = await PostAsync("tools/find", new JsonObject { ["Level"] = "Instance", ["Query"] = new JsonObject { ["StudyInstanceUID"] = studyInstanceUid } });
        return found.AsArray().Select(n => n!.GetValue<string>()).ToList();
    }

    /// <summary>Downloads instances (Part 10 files as Orthanc stored them) into <paramref name="folder"/>.</summary>
    public async Task<List<string>> DownloadAsync(IEnumerable<string> ids, string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var id in ids)
        {
            var path = Path.Combine(folder, id + ".dcm");
            await File.WriteAllBytesAsync(path, await Http.GetByteArrayAsync($"instances/{id}/file"));
            paths.Add(path);
        }
        return paths;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Terminate();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        await _process.DisposeAsync();
    }
}
