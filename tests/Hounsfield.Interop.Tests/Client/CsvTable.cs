namespace Hounsfield.Interop.Tests.Client;

/// <summary>Reads `find --csv` output, whose columns come in tag order, in the column order a test expects.</summary>
internal static class CsvTable
{
    public static IEnumerable<string> Project(List<string> lines, string header)
    {
        var columns = lines[0].Split(',').ToList();
        var wanted = header.Split(',');
        Assert.Equal(wanted.Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        return lines.Skip(1).Select(l => l.Split(',')).Select(cells => string.Join(',', wanted.Select(w => cells[columns.IndexOf(w)])));
    }
}
