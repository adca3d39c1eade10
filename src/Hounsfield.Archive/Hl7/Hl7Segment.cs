namespace Hounsfield.Archive.Hl7;

/// <summary>
/// One segment: its ID and its fields as received, split into repetitions, components and subcomponents
/// and unescaped only when read. Field numbers are HL7's: for MSH, field 1 is the field separator itself.
/// </summary>
public sealed class Hl7Segment
{
    private readonly string[] _fields;

    internal Hl7Segment(string[] fields, Hl7Separators separators)
    {
        _fields = fields;
        Separators = separators;
    }

    /// <summary>The three-character segment ID (MSH, PID, ORC ...).</summary>
    public string Id => _fields[0];

    /// <summary>The message's delimiters.</summary>
    public Hl7Separators Separators { get; }

    /// <summary>The highest field number present.</summary>
    public int FieldCount => _fields.Length - 1;

    /// <summary>Field <paramref name="field"/> as received (escapes and delimiters intact); empty when absent.</summary>
    public string Raw(int field) => field > 0 && field < _fields.Length ? _fields[field] : "";

    /// <summary>How many repetitions field <paramref name="field"/> has (0 when empty).</summary>
    public int Repetitions(int field) => Raw(field) is { Length: > 0 } raw ? (IsMshHeader(field) ? 1 : raw.Split(Separators.Repetition).Length) : 0;

    /// <summary>
    /// The unescaped value at field-repetition-component-subcomponent (all 1-based; repetition, component and
    /// subcomponent default to the first); empty when absent. The HL7 null <c>""</c> reads as empty.
    /// </summary>
    public string Value(int field, int component = 1, int subcomponent = 1, int repetition = 1)
    {
        var raw = Raw(field);
        if (raw.Length == 0) return "";
        if (IsMshHeader(field)) return component == 1 && subcomponent == 1 && repetition == 1 ? raw : "";
        var part = Nth(raw, Separators.Repetition, repetition);
        part = Nth(part, Separators.Component, component);
        part = Nth(part, Separators.Subcomponent, subcomponent);
        return part == "\"\"" ? "" : Hl7Escaping.Decode(part, Separators);
    }

    /// <summary>The unescaped components of field <paramref name="field"/> (first repetition), component 1 at index 0, each its first subcomponent.</summary>
    public string[] Components(int field, int repetition = 1)
    {
        var raw = Nth(Raw(field), Separators.Repetition, repetition);
        if (raw.Length == 0) return [];
        var count = raw.Split(Separators.Component).Length;
        return [.. Enumerable.Range(1, count).Select(c => Value(field, c, 1, repetition))];
    }

    // MSH-1 and MSH-2 hold the delimiters themselves and are never split.
    private bool IsMshHeader(int field) => Id == "MSH" && field <= 2;

    private static string Nth(string text, char separator, int n)
    {
        if (n == 1 && text.IndexOf(separator) < 0) return text;
        var parts = text.Split(separator);
        return n >= 1 && n <= parts.Length ? parts[n - 1] : "";
    }
}
