using System.Diagnostics;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>
/// Runs a DCMTK command-line tool to completion with TCP_NODELAY=1. A missing tool fails the test
/// (interop is never skipped); a tool that hangs is killed through its own process handle.
/// </summary>
internal static class DcmtkTool
{
    public static string Locate(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"DCMTK tool '{tool}' was not found on PATH; install DCMTK (apt-get install dcmtk). Interop tests are not skipped.");
        return "";
    }

    public static void Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["TCP_NODELAY"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(); // this process only, by its own handle
            Assert.Fail($"{tool} did not finish within 30 s");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"{tool} {string.Join(' ', args)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }
}
