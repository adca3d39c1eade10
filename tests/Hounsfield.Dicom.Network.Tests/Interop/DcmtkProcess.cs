using System.Diagnostics;
using System.Text;

namespace Hounsfield.Dicom.Network.Tests.Interop;

/// <summary>
/// Runs a DCMTK command-line tool with TCP_NODELAY=1 (without it DCMTK stalls on Nagle's algorithm)
/// and captures its output. Missing DCMTK fails the test: interop must not be skipped silently.
/// The process is stopped only through its own handle (its process id), never by name.
/// </summary>
internal sealed class DcmtkProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DcmtkProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public static string Locate(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"DCMTK tool '{tool}' was not found on PATH. Install DCMTK (Debian: apt-get install dcmtk); interop tests need it and are not skipped.");
        return "";
    }

    public static DcmtkProcess Start(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["TCP_NODELAY"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new DcmtkProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Waits for exit; on timeout the process is killed and the test fails with its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Stop();
            Assert.Fail($"{_process.StartInfo.FileName} did not finish within {timeout.TotalSeconds} s. Output:\n{Output}");
        }
        // Let the asynchronous output readers drain.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
    }
}
