namespace Hounsfield.Archive.Hl7;

/// <summary>
/// Parses HL7 v2 messages (HL7 v2.5 §2.5–2.7): the delimiters come from MSH-1 and MSH-2, segments end at
/// carriage return (a line feed is tolerated), segment IDs are three upper-case letters or digits.
/// </summary>
public static class Hl7Parser
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="Hl7Exception">Not a message: no MSH, bad delimiters or a malformed segment ID (answered AR).</exception>
    public static Hl7Message Parse(string text)
    {
        text = text.TrimStart('\uFEFF', '\r', '\n', ' ', '\t');
        if (text.Length < 8 || !text.StartsWith("MSH", StringComparison.Ordinal))
            throw new Hl7Exception(Hl7ErrorCode.SegmentSequenceError, "the message does not start with an MSH segment", rejected: true, "MSH");
        var separators = ReadSeparators(text);
        var segments = new List<Hl7Segment>();
        foreach (var line in text.Split('\r', '\n'))
        {
            if (line.Trim().Length == 0) continue;
            if (line.Length < 3 || !line[..3].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) || line.Length > 3 && line[3] != separators.Field)
                throw new Hl7Exception(Hl7ErrorCode.SegmentSequenceError, $"segment {segments.Count + 1} has no valid segment ID: '{Shorten(line)}'", rejected: true);
            segments.Add(new Hl7Segment(Split(line, separators), separators));
        }
        return new Hl7Message(separators, segments);
    }

    private static Hl7Separators ReadSeparators(string text)
    {
        var field = text[3];
        var end = text.IndexOf(field, 4);
        var encoding = end < 0 ? "" : text[4..end];
        if (end < 0 || encoding.Length is < 1 or > 5)
            throw new Hl7Exception(Hl7ErrorCode.DataTypeError, "MSH-2 (encoding characters) is missing or malformed", rejected: true, "MSH^1^2");
        var d = Hl7Separators.Default;
        var separators = new Hl7Separators(field, At(encoding, 0, d.Component), At(encoding, 1, d.Repetition), At(encoding, 2, d.Escape), At(encoding, 3, d.Subcomponent));
        char[] all = [separators.Field, separators.Component, separators.Repetition, separators.Escape, separators.Subcomponent];
        if (all.Distinct().Count() != all.Length || all.Any(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c)))
            throw new Hl7Exception(Hl7ErrorCode.DataTypeError, $"MSH-1/MSH-2 delimiters '{field}{encoding}' are not distinct punctuation", rejected: true, "MSH^1^2");
        return separators;
    }

    private static char At(string encoding, int index, char fallback) => index < encoding.Length ? encoding[index] : fallback;

    // MSH is split after its field separator so that MSH-1 is the separator and MSH-2 the encoding characters.
    private static string[] Split(string line, Hl7Separators separators)
    {
        if (!line.StartsWith("MSH", StringComparison.Ordinal)) return line.Split(separators.Field);
        var rest = line[4..].Split(separators.Field);
        return ["MSH", separators.Field.ToString(), .. rest];
    }

    private static string Shorten(string line) => line.Length > 20 ? line[..20] + "..." : line;
}
