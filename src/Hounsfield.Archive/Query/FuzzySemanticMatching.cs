using System.Text;

namespace Hounsfield.Archive.Query;

/// <summary>
/// Our fuzzy semantic matching of person names (PS3.4 C.2.2.2.1.2, which leaves the rules to the
/// SCP): a name and a pattern match when their <see cref="Key"/>s match literally, i.e. ignoring case
/// and the diacritics of Latin, Greek and Cyrillic letters ("MULLER" finds "Müller", "Jose" finds "José").
/// The index keeps the key of each Patient's Name so that SQL can narrow a fuzzy query as well.
/// </summary>
public static class FuzzySemanticMatching
{
    /// <summary>
    /// The text in upper case with the diacritics of Latin, Greek and Cyrillic letters removed (precomposed
    /// letters to their base letter, combining marks U+0300 to U+036F dropped) and the letters that have no
    /// decomposition spelled out (ß as SS, Æ as AE, Ø as O, Ł as L...). Wildcards, component separators and
    /// other scripts (e.g. the voiced-sound marks of kana) are kept.
    /// </summary>
    public static string Key(string text)
    {
        if (System.Text.Ascii.IsValid(text)) return text.ToUpperInvariant();
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\u0300' and <= '\u036F') continue;
            var letter = LetterBases.Of(c);
            if (Spelled(letter) is { } spelled) key.Append(spelled);
            else key.Append(char.ToUpperInvariant(letter));
        }
        return key.ToString();
    }

    private static string? Spelled(char c) => c switch
    {
        'ß' or 'ẞ' => "SS",
        'æ' or 'Æ' => "AE",
        'œ' or 'Œ' => "OE",
        'ø' or 'Ø' => "O",
        'ł' or 'Ł' => "L",
        'đ' or 'Đ' or 'ð' or 'Ð' => "D",
        'þ' or 'Þ' => "TH",
        'ı' => "I",
        _ => null,
    };
}
