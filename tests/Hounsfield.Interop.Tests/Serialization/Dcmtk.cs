using System.Diagnostics;
using System.Text;

namespace Hounsfield.Interop.Tests.Serialization;

/// <summary>Runs DCMTK command-line tools. A missing tool fails the test with the reason; it never skips.</summary>
internal static class Dcmtk
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Result(int ExitCode, byte[] OutputBytes, string Error)
    {
        /// <summary>Standard output as UTF-8 text.</summary>
        public string Output => Encoding.UTF8.GetString(OutputBytes);
    }

    /// <summary>Runs <paramref name="tool"/> and returns its output; a non-zero exit fails unless <paramref name="allowFailure"/>.</summary>
    public static Result Run(string tool, IEnumerable<string> arguments, bool allowFailure = false)
    {
        var path = Find(tool);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["TCP_NODELAY"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{tool} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout.TotalSeconds} s and was stopped");
        }
        copy.GetAwaiter().GetResult();
        var result = new Result(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
        if (!allowFailure && result.ExitCode != 0)
            Assert.Fail($"{tool} {string.Join(' ', start.ArgumentList)} exited with {result.ExitCode}: {result.Error}");
        return result;
    }

    /// <summary>The full path of a DCMTK tool on PATH.</summary>
    public static string Find(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"the DCMTK tool '{tool}' is not on PATH; these interop tests need DCMTK 3.6.7 or later (Debian: apt-get install dcmtk)");
        return "";
    }

    /// <summary>
    /// The data set part of dcmdump's output, with the differences that are only encoding choices
    /// removed: defined versus undefined sequence and item lengths, delimitation items, and the
    /// "??" dcmdump shows for the VR of an unknown element read from implicit VR (written as UN), and
    /// its "xs" for a "US or SS" element read from implicit VR with no Pixel Representation (read as US).
    /// With <paramref name="convertToUtf8"/>, text is shown converted to UTF-8 (dcmdump +U8).
    /// </summary>
    public static List<string> DumpDataset(string file, bool convertToUtf8 = false)
    {
        List<string> arguments = convertToUtf8 ? ["-q", "+U8", file] : ["-q", file];
        var lines = Encoding.Latin1.GetString(Run("dcmdump", arguments).OutputBytes).Replace("\r\n", "\n").Split('\n');
        var result = new List<string>();
        var inDataset = false;
        foreach (var raw in lines)
        {
            if (raw.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal))
            {
                inDataset = true;
                continue;
            }
            if (!inDataset || raw.StartsWith("# Used TransferSyntax", StringComparison.Ordinal) || raw.Trim().Length == 0) continue;
            var line = raw.Trim();
            if (line.Contains("ItemDelimitationItem") || line.Contains("SequenceDelimitationItem")) continue;
            line = line.Replace("with explicit length ", "").Replace("with undefined length ", "");
            if (line.Contains(" SQ (Sequence") || line.Contains(" na (Item") || line.Contains(" pi ")) line = line[..line.IndexOf('#')];
            line = string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (line.Length > 15 && line[11..15] == " ?? ") line = line[..12] + "UN" + line[14..];
            if (line.Length > 15 && line[11..15] == " xs ") line = line[..12] + "US" + line[14..];
            result.Add(line);
        }
        return result;
    }
}
