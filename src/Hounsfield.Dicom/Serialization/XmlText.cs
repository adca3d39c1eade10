using System.Xml;

namespace Hounsfield.Dicom.Serialization;

/// <summary>Text that XML 1.0 can carry.</summary>
internal static class XmlText
{
    /// <summary>
    /// <paramref name="text"/> with characters XML 1.0 cannot represent at all (most C0 controls,
    /// lone surrogates) replaced by U+FFFD; such characters are not valid in DICOM text either.
    /// </summary>
    public static string Clean(string text)
    {
        var i = FirstInvalid(text);
        if (i < 0) return text;
        var chars = text.ToCharArray();
        for (; i < chars.Length; i++)
        {
            if (XmlConvert.IsXmlChar(chars[i])) continue;
            if (i + 1 < chars.Length && XmlConvert.IsXmlSurrogatePair(chars[i + 1], chars[i]))
            {
                i++;
                continue;
            }
            chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) continue;
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
