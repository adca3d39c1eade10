using System.Globalization;
using System.Text;

namespace Hounsfield.Archive.Hl7;

/// <summary>The escape sequences of HL7 v2.5 §2.7: \F\ \S\ \T\ \R\ \E\, \Xhh..\ and the formatting ones.</summary>
public static class Hl7Escaping
{
    /// <summary>
    /// Replaces escape sequences in <paramref name="text"/> by the characters they stand for. \Xhh..\ bytes are read
    /// as UTF-8 when valid, else Latin-1; \.br\ becomes a line break; highlighting and character-set switches are dropped;
    /// an unknown or unterminated sequence is kept as written.
    /// </summary>
    public static string Decode(string text, Hl7Separators separators)
    {
        var escape = separators.Escape;
        if (text.IndexOf(escape) < 0) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] == escape ? text.IndexOf(escape, i + 1) : -1;
            if (end < 0)
            {
                result.Append(text[i]);
                continue;
            }
            var sequence = text[(i + 1)..end];
            if (Expand(sequence, separators) is { } expanded)
            {
                result.Append(expanded);
                i = end;
            }
            else result.Append(text[i]);
        }
        return result.ToString();
    }

    private static string? Expand(string sequence, Hl7Separators separators) => sequence switch
    {
        "F" => separators.Field.ToString(),
        "S" => separators.Component.ToString(),
        "T" => separators.Subcomponent.ToString(),
        "R" => separators.Repetition.ToString(),
        "E" => separators.Escape.ToString(),
        "H" or "N" => "",
        ".br" => "\r\n",
        ['X', .. var hex] => Hex(hex),
        ['C' or 'M', .. var hex] when hex.Length is 4 or 6 && hex.All(char.IsAsciiHexDigit) => "",
        _ => null,
    };

    private static string? Hex(string hex)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit)) return null;
        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = byte.Parse(hex.AsSpan(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Escapes the delimiters and line breaks in <paramref name="text"/> so it can be sent as one field value.</summary>
    public static string Encode(string text, Hl7Separators separators)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == separators.Escape) result.Append(separators.Escape).Append('E').Append(separators.Escape);
            else if (c == separators.Field) result.Append(separators.Escape).Append('F').Append(separators.Escape);
            else if (c == separators.Component) result.Append(separators.Escape).Append('S').Append(separators.Escape);
            else if (c == separators.Subcomponent) result.Append(separators.Escape).Append('T').Append(separators.Escape);
            else if (c == separators.Repetition) result.Append(separators.Escape).Append('R').Append(separators.Escape);
            else if (c is '\r' or '\n') result.Append(separators.Escape).Append(c == '\r' ? "X0D" : "X0A").Append(separators.Escape);
            else result.Append(c);
        }
        return result.ToString();
    }
}
