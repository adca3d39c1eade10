using System.Text;

namespace Hounsfield.Dicom;

/// <summary>The outcome of reading one value of (0008,0005): either an ISO 2022 profile or a code page.</summary>
internal sealed record CharacterSetDefinition(
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Warnings,
    Iso2022Profile? Profile,
    int CodePage);

/// <summary>
/// Turns the raw text of Specific Character Set (0008,0005) into a definition. Never throws: what it
/// cannot read it replaces with a stated default and reports in the warnings, because a file with a
/// misspelled term still has to be read.
/// </summary>
internal static class SpecificCharacterSetParser
{
    /// <summary>What replaces an unreadable value 1: Latin-1 maps every byte to a character, so nothing is lost.</summary>
    public const string FallbackTerm = "ISO_IR 100";

    public static CharacterSetDefinition Parse(string? value)
    {
        var terms = Split(value);
        var warnings = new List<string>();
        if (terms.Count == 0 || (terms.Count == 1 && terms[0].Length == 0))
        {
            return new CharacterSetDefinition(terms, warnings, DefaultProfile(), 0);
        }

        var resolved = new List<CharacterSetTerm>(terms.Count);
        for (var k = 0; k < terms.Count; k++)
        {
            var term = Resolve(terms[k], k, terms.Count, warnings);
            if (term is not null) resolved.Add(term);
        }

        foreach (var term in resolved)
        {
            if (term.CodePage == 0) continue;
            if (terms.Count > 1)
            {
                warnings.Add($"'{term.DefinedTerm}' does not allow code extensions; the other values of (0008,0005) are ignored.");
            }
            return new CharacterSetDefinition(terms, warnings, null, term.CodePage);
        }

        if (terms.Count == 1 && !resolved[0].CodeExtensions)
        {
            var single = resolved[0];
            var profile = new Iso2022Profile(false, (SingleByteCodeElement)single.G0!, single.G1, []);
            return new CharacterSetDefinition(terms, warnings, profile, 0);
        }

        return new CharacterSetDefinition(terms, warnings, BuildIso2022(resolved, warnings), 0);
    }

    private static Iso2022Profile DefaultProfile() =>
        new(false, CodeElements.Ascii, null, []);

    private static Iso2022Profile BuildIso2022(List<CharacterSetTerm> resolved, List<string> warnings)
    {
        var declared = new List<CodeElement>();
        foreach (var term in resolved)
        {
            if (!term.CodeExtensions && term != CharacterSetTerm.DefaultRepertoire)
            {
                warnings.Add($"'{term.DefinedTerm}' is used with other values; read as its code extension form.");
            }
            if (term.G0 is not null) declared.Add(term.G0);
            if (term.G1 is not null) declared.Add(term.G1);
        }

        var first = resolved[0];
        SingleByteCodeElement initialG0 = CodeElements.Ascii;
        CodeElement? initialG1 = null;
        if (first.IsMultiByteG0)
        {
            // Delimiters must be readable in the initial G0 set, which a multi-byte set cannot provide.
            warnings.Add($"'{first.DefinedTerm}' as value 1 leaves no single-byte set for delimiters; ISO-IR 6 is used as the initial G0 set and '{first.DefinedTerm}' through escape sequences.");
        }
        else
        {
            if (first.G0 is SingleByteCodeElement g0) initialG0 = g0;
            initialG1 = first.G1;
        }
        return new Iso2022Profile(true, initialG0, initialG1, declared);
    }

    private static CharacterSetTerm? Resolve(string text, int index, int count, List<string> warnings)
    {
        if (text.Length == 0)
        {
            // PS3.3 C.12.1.1.2: an empty value 1 with further values stands for ISO 2022 IR 6.
            if (index == 0) return CharacterSetTerm.DefaultRepertoire;
            warnings.Add($"Value {index + 1} of (0008,0005) is empty and was ignored.");
            return null;
        }
        if (CharacterSetTerm.TryGet(text, out var term)) return term;

        var normalized = Normalize(text);
        if (normalized is not null)
        {
            if (normalized.Length == 0)
            {
                warnings.Add($"'{text}' is not a Defined Term; read as the default repertoire (ISO-IR 6).");
                return CharacterSetTerm.DefaultRepertoire;
            }
            if (CharacterSetTerm.TryGet(normalized, out term))
            {
                warnings.Add($"'{text}' is not a Defined Term; read as '{normalized}'.");
                return term;
            }
        }

        if (index == 0)
        {
            var fallback = count > 1 ? "ISO 2022 IR 100" : FallbackTerm;
            warnings.Add($"Unknown character set '{text}' replaced by '{fallback}' (Latin-1) so that no byte is lost.");
            CharacterSetTerm.TryGet(fallback, out term);
            return term;
        }
        warnings.Add($"Unknown character set '{text}' ignored.");
        return null;
    }

    /// <summary>
    /// Maps common misspellings to a Defined Term: case, '-' or '_' for spaces, "ISO IR 100",
    /// "ISO-8859-1", "UTF-8". Returns "" for spellings of the default repertoire, null when nothing fits.
    /// </summary>
    private static string? Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToUpperInvariant())
        {
            var mapped = c is '-' or '_' ? ' ' : c;
            if (mapped == ' ' && (builder.Length == 0 || builder[^1] == ' ')) continue;
            builder.Append(mapped);
        }
        var s = builder.ToString().TrimEnd();

        switch (s)
        {
            case "ISO IR 6" or "ISO 646" or "ASCII" or "US ASCII":
                return string.Empty;
            case "ISO IR 192" or "UTF 8" or "UTF8":
                return "ISO_IR 192";
            case "GB 18030":
                return "GB18030";
        }
        if (s.StartsWith("ISO 2022 IR ", StringComparison.Ordinal)) return s;
        if (s.StartsWith("ISO IR ", StringComparison.Ordinal)) return "ISO_IR " + s["ISO IR ".Length..];
        if (s.StartsWith("ISO 8859 ", StringComparison.Ordinal))
        {
            var ir = s["ISO 8859 ".Length..] switch
            {
                "1" => 100, "2" => 101, "3" => 109, "4" => 110, "5" => 144, "6" => 127,
                "7" => 126, "8" => 138, "9" => 148, "11" => 166, "15" => 203, _ => 0,
            };
            return ir == 0 ? null : $"ISO_IR {ir}";
        }
        return null;
    }

    private static List<string> Split(string? value)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(value)) return terms;
        foreach (var part in value.Split('\\'))
        {
            terms.Add(part.Trim(' ', '\0'));
        }
        // Padding can leave a trailing empty value ("ISO_IR 100\ "); it carries no term.
        while (terms.Count > 1 && terms[^1].Length == 0) terms.RemoveAt(terms.Count - 1);
        return terms;
    }
}
