namespace Hounsfield.Archive.Query;

/// <summary>Wildcard matching of PS3.4 C.2.2.2.4: '*' any run of characters, '?' exactly one.</summary>
public static class Wildcard
{
    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/>; trailing spaces are not significant.</summary>
    public static bool Matches(string pattern, string value)
    {
        var p = pattern.TrimEnd(' ');
        var v = value.TrimEnd(' ');
        int pi = 0, vi = 0, star = -1, mark = 0;
        while (vi < v.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || p[pi] == v[vi]))
            {
                pi++;
                vi++;
            }
            else if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                mark = vi;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                vi = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (pi < p.Length && p[pi] == '*') pi++;
        return pi == p.Length;
    }

    /// <summary>True when <paramref name="pattern"/> uses '*' or '?'.</summary>
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;
}
