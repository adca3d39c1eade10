namespace Hounsfield.Cli.Commands;

/// <summary>Plain-text tables: a header, a rule, one line per row, columns padded (at most 60 characters each).</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((h, i) => Math.Min(60, rows.Select(r => r[i].Length).Prepend(h.Length).Max())).ToList();
        string Line(IEnumerable<string> cells) => string.Join("  ", cells.Select((c, i) => (c.Length > widths[i] ? c[..widths[i]] : c).PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(headers));
        output.WriteLine(Line(widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Line(row));
    }
}
