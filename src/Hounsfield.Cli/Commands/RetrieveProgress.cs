using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// The progress bar of <c>move</c> and <c>get</c>, driven by the sub-operation counts of the pending
/// responses (on a terminal only), and the final count table.
/// </summary>
internal sealed class RetrieveProgress
{
    private const int Width = 30;

    public void Report(DimseRetrieveResponse pending)
    {
        if (Console.IsErrorRedirected) return;
        int completed = pending.Completed ?? 0, failed = pending.Failed ?? 0, warning = pending.Warning ?? 0, remaining = pending.Remaining ?? 0;
        var done = completed + failed + warning;
        var total = done + remaining;
        var filled = total == 0 ? 0 : done * Width / total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} sub-operations, {failed} failed ");
    }

    /// <summary>Ends the progress line and prints the final response as a table, with extra rows (e.g. what a <c>move --listen</c> received).</summary>
    public static void PrintTable(TextWriter output, string operation, DimseRetrieveResponse final, params (string Label, int Count)[] extra)
    {
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
        output.WriteLine($"{operation}: {final.Status}{(final.ErrorComment is { } c ? " " + c : "")}");
        var rows = new List<(string, int)> { ("completed", final.Completed ?? 0), ("warning", final.Warning ?? 0), ("failed", final.Failed ?? 0) };
        rows.AddRange(extra);
        foreach (var (label, count) in rows) output.WriteLine($"  {label,-12} {count,8}");
        foreach (var uid in final.FailedSopInstanceUids) output.WriteLine($"  failed: {uid}");
    }
}
