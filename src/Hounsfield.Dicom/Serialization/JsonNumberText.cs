using System.Buffers.Text;
using System.Text.Json;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// The JSON number grammar (RFC 8259 §6): <c>-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?</c>.
/// DS and IS texts that match it are written as JSON numbers exactly as stored; the others
/// (a leading '+', a leading or trailing '.', leading zeros) as strings, so no value changes.
/// </summary>
internal static class JsonNumberText
{
    /// <summary>
    /// Writes a valid JSON number text exactly. Through <see cref="decimal"/> when that prints the
    /// same text ("1.50" keeps its zero); otherwise raw ("1e3", "-0"), with the line break and
    /// indentation that <see cref="Utf8JsonWriter"/> leaves out for raw values put in front.
    /// </summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> number)
    {
        Span<byte> formatted = stackalloc byte[40];
        if (Utf8Parser.TryParse(number, out decimal value, out var consumed) && consumed == number.Length
            && Utf8Formatter.TryFormat(value, formatted, out var written) && formatted[..written].SequenceEqual(number))
        {
            json.WriteNumberValue(value);
            return;
        }
        var options = json.Options;
        if (!options.Indented || number.Length > 64)
        {
            json.WriteRawValue(number, skipInputValidation: true);
            return;
        }
        var indent = options.NewLine.Length + json.CurrentDepth * options.IndentSize;
        Span<byte> raw = stackalloc byte[indent + number.Length];
        var at = System.Text.Encoding.ASCII.GetBytes(options.NewLine, raw);
        raw[at..indent].Fill((byte)options.IndentCharacter);
        number.CopyTo(raw[indent..]);
        json.WriteRawValue(raw, skipInputValidation: true);
    }

    public static bool IsValid(ReadOnlySpan<byte> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-') i++;
        if (i == s.Length) return false;
        if (s[i] == '0') i++;
        else if (IsDigit1To9(s[i])) while (i < s.Length && IsDigit(s[i])) i++;
        else return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && IsDigit(s[i])) i++;
            if (i == start) return false;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            var start = i;
            while (i < s.Length && IsDigit(s[i])) i++;
            if (i == start) return false;
        }
        return i == s.Length;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsDigit1To9(byte c) => c is >= (byte)'1' and <= (byte)'9';
}
