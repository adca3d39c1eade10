namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Splits and joins the text of one PN value: component groups separated by '=', components by
/// '^' (PS3.5 §6.2.1). The text of each group and component is kept as it is.
/// </summary>
internal static class PersonNameText
{
    /// <summary>The names JSON and XML give the three component groups, in order.</summary>
    public static readonly string[] GroupNames = ["Alphabetic", "Ideographic", "Phonetic"];

    /// <summary>The names PS3.19 gives the five components, in order.</summary>
    public static readonly string[] ComponentNames = ["FamilyName", "GivenName", "MiddleName", "NamePrefix", "NameSuffix"];

    /// <summary>The three groups of <paramref name="value"/>; missing ones are empty, a fourth '=' stays in the last.</summary>
    public static void SplitGroups(string value, Span<string> groups)
    {
        var rest = value;
        for (var i = 0; i < 3; i++)
        {
            var eq = i < 2 ? rest.IndexOf('=') : -1;
            groups[i] = eq < 0 ? rest : rest[..eq];
            rest = eq < 0 ? "" : rest[(eq + 1)..];
        }
    }

    /// <summary>The five components of one group; missing ones are empty, a sixth '^' stays in the last.</summary>
    public static void SplitComponents(string group, Span<string> components)
    {
        var rest = group;
        for (var i = 0; i < 5; i++)
        {
            var caret = i < 4 ? rest.IndexOf('^') : -1;
            components[i] = caret < 0 ? rest : rest[..caret];
            rest = caret < 0 ? "" : rest[(caret + 1)..];
        }
    }

    /// <summary>Joins parts with <paramref name="separator"/>, leaving out trailing empty parts.</summary>
    public static string Join(ReadOnlySpan<string?> parts, char separator)
    {
        var last = parts.Length - 1;
        while (last >= 0 && string.IsNullOrEmpty(parts[last])) last--;
        if (last < 0) return "";
        if (last == 0) return parts[0]!;
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i <= last; i++)
        {
            if (i > 0) builder.Append(separator);
            builder.Append(parts[i]);
        }
        return builder.ToString();
    }
}
