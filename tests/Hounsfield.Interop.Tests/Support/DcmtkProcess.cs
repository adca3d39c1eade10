using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Hounsfield.Interop.Tests.Support;

/// <summary>
/// Runs a peer tool — a DCMTK program, or our own CLI through <c>dotnet</c> — as a child process:
/// environment TCP_NODELAY=1 (DCMTK otherwise stalls on Nagle's algorithm), stdout and stderr
/// captured together, a timeout on every wait. A missing tool FAILS the test with instructions;
/// interop tests are never skipped. The process is stopped only through its own process id.
/// </summary>
internal sealed class DcmtkProcess : IAsyncDisposable
{
    private const int SIGTERM = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _name;

    private DcmtkProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The full path of DCMTK tool <paramref name="tool"/> on PATH; fails the test when it is not installed.</summary>
    public static string Locate(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"FAILURE: DCMTK tool '{tool}' was not found on PATH. Install DCMTK 3.6.x (Debian/Ubuntu: apt-get install dcmtk). " +
            "Interop tests need it and are deliberately not skipped.");
        return "";
    }

    /// <summary>Starts DCMTK tool <paramref name="tool"/> with <paramref name="args"/>.</summary>
    public static DcmtkProcess Start(string tool, params string[] args) => StartProgram(Locate(tool), tool, args);

    /// <summary>Starts any program (e.g. <c>dotnet hounsfield.dll</c>) with the same environment and capture.</summary>
    public static DcmtkProcess StartProgram(string fileName, string name, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["TCP_NODELAY"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new DcmtkProcess(process, name);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs a tool to completion and returns its exit code and output; fails the test on timeout.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, string tool, params string[] args)
    {
        await using var p = Start(tool, args);
        var exit = await p.WaitForExitAsync(timeout);
        return (exit, p.Output);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Waits for exit; on timeout the process is killed (by its id) and the test fails with its output.</summary>
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
            Assert.Fail($"{_name} (pid {Id}) did not finish within {timeout.TotalSeconds} s. Output:\n{Output}");
        }
        // The parameterless wait also drains the asynchronous output readers.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Polls the output until it contains <paramref name="text"/>; fails with the output when the process exits or time runs out first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                if (Output.Contains(text, StringComparison.Ordinal)) return;
                Assert.Fail($"{_name} exited ({_process.ExitCode}) before printing '{text}'. Output:\n{Output}");
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"{_name} did not print '{text}' within {timeout.TotalSeconds} s. Output:\n{Output}");
            await Task.Delay(25);
        }
    }

    /// <summary>Sends SIGTERM to this process (by its id).</summary>
    public void Terminate()
    {
        if (_process.HasExited) return;
        if (Kill(_process.Id, SIGTERM) != 0) Assert.Fail($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Kills this process (by its id) unless it has exited.</summary>
    public void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
