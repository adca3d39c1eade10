using System.Diagnostics;
using System.Text;

namespace Hounsfield.Interop.Tests.Support;

/// <summary>What a peer tool printed and how it ended.</summary>
public sealed record PeerResult(string Tool, IReadOnlyList<string> Arguments, int ExitCode, string Output, string Error)
{
    public string CommandLine => Tool + " " + string.Join(' ', Arguments);

    /// <summary>Fails the test unless the tool exited with 0.</summary>
    public PeerResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{CommandLine}` exited with {ExitCode}:\n{Error}\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs DCMTK, GDCM, dicom3tools, OpenJPEG and OpenJPH programs: bounded in time, TCP_NODELAY=1 in their environment,
/// output captured byte-transparently (Latin-1), killed by their own process id when they overrun.
/// A missing tool fails the test: the peers are part of the test environment (.ci/run installs them).
/// </summary>
public static class PeerTool
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> Packages = new()
    {
        ["dcmdump"] = "dcmtk", ["dump2dcm"] = "dcmtk", ["dcmftest"] = "dcmtk", ["img2dcm"] = "dcmtk", ["dcmconv"] = "dcmtk",
        ["gdcmconv"] = "libgdcm-tools", ["gdcmdump"] = "libgdcm-tools", ["opj_compress"] = "libopenjp2-tools", ["opj_decompress"] = "libopenjp2-tools", ["dciodvfy"] = "dicom3tools",
        ["ojph_compress"] = "openjph-tools", ["ojph_expand"] = "openjph-tools", ["dotnet"] = "the .NET SDK",
    };

    /// <summary>Runs <paramref name="tool"/>; <paramref name="environment"/> sets variables in its environment (a null value removes one).</summary>
    public static PeerResult Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var path = Locate(tool);
        var args = arguments.ToList();
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.Latin1,
            StandardErrorEncoding = Encoding.Latin1,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["TCP_NODELAY"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            // Our own child, by its own id, and whatever it started.
            try { Process.GetProcessById(process.Id).Kill(entireProcessTree: true); } catch (InvalidOperationException) { } catch (ArgumentException) { }
            process.WaitForExit(5000);
            Assert.Fail($"`{tool} {string.Join(' ', args)}` did not finish within {limit.TotalSeconds} s and was killed");
        }
        process.WaitForExit();
        return new PeerResult(tool, args, process.ExitCode, stdout.Result, stderr.Result);
    }

    public static PeerResult Run(string tool, params string[] arguments) => Run(tool, (IEnumerable<string>)arguments);

    /// <summary>The full path of <paramref name="tool"/> on PATH; fails the test when it is not installed.</summary>
    public static string Locate(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"{tool} is not installed (package: {Packages.GetValueOrDefault(tool, "?")}); the interop tests need it — .ci/run installs it with apt-get");
        return null!;
    }
}
