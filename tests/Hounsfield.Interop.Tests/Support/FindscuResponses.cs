namespace Hounsfield.Interop.Tests.Support;

/// <summary>The identifiers findscu -v prints as dcmdump lines between "Find Response" headers, keyword to value (nested items flattened).</summary>
internal static class FindscuResponses
{
    public static List<Dictionary<string, string>> Parse(string log)
    {
        var responses = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in log.Split('\n'))
        {
            if (line.Contains("Find Response:")) responses.Add(current = []);
            var text = (line.StartsWith("I: ") ? line[3..] : line).TrimStart();
            if (current is null || !text.StartsWith('(') || text.Length < 16 || text.StartsWith("(fffe", StringComparison.OrdinalIgnoreCase)) continue;
            var open = text.IndexOf('[');
            var close = text.LastIndexOf(']');
            var keyword = text[(text.LastIndexOf(' ') + 1)..].Trim();
            current[keyword] = open > 0 && close > open ? text[(open + 1)..close].TrimEnd(' ', '\0') : "";
        }
        return responses.Where(r => r.Count > 0).ToList();
    }
}
