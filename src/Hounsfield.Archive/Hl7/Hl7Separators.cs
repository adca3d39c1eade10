namespace Hounsfield.Archive.Hl7;

/// <summary>The delimiters an HL7 v2 message declares in MSH-1 and MSH-2 (HL7 v2.5 §2.5.4).</summary>
public sealed record Hl7Separators(char Field, char Component, char Repetition, char Escape, char Subcomponent)
{
    /// <summary>The recommended delimiters <c>|^~\&amp;</c>.</summary>
    public static Hl7Separators Default { get; } = new('|', '^', '~', '\\', '&');

    /// <summary>MSH-2 as written: component, repetition, escape and subcomponent characters.</summary>
    public string EncodingCharacters => $"{Component}{Repetition}{Escape}{Subcomponent}";
}
