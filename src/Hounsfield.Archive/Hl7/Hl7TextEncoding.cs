using System.Text;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Hl7;

/// <summary>
/// The character set of an HL7 message (MSH-18, HL7 table 0211) and the DICOM Specific Character Set that holds the same text.
/// Without MSH-18, bytes that are valid UTF-8 are read as UTF-8, others in the configured fallback (Latin-1 by default).
/// </summary>
public sealed class Hl7TextEncoding
{
    private static readonly Dictionary<string, string> DicomTerms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UNICODE UTF-8"] = "ISO_IR 192", ["UNICODE"] = "ISO_IR 192", ["ASCII"] = "",
        ["8859/1"] = "ISO_IR 100", ["8859/2"] = "ISO_IR 101", ["8859/3"] = "ISO_IR 109", ["8859/4"] = "ISO_IR 110",
        ["8859/5"] = "ISO_IR 144", ["8859/6"] = "ISO_IR 127", ["8859/7"] = "ISO_IR 126", ["8859/8"] = "ISO_IR 138", ["8859/9"] = "ISO_IR 148",
    };

    private Hl7TextEncoding(DicomCharacterSet characterSet, string dicomTerm, string hl7Name)
    {
        CharacterSet = characterSet;
        DicomTerm = dicomTerm;
        Hl7Name = hl7Name;
    }

    /// <summary>How the text is decoded and encoded.</summary>
    public DicomCharacterSet CharacterSet { get; }

    /// <summary>The Specific Character Set (0008,0005) value for items made from the message ("" for ASCII).</summary>
    public string DicomTerm { get; }

    /// <summary>The MSH-18 value for the reply ("" when the message had none).</summary>
    public string Hl7Name { get; }

    /// <summary>Decodes <paramref name="bytes"/>, finding the character set from MSH-18 (read as ASCII) or the bytes.</summary>
    public static (string Text, Hl7TextEncoding Encoding) Decode(ReadOnlySpan<byte> bytes, string fallbackDicomTerm = "")
    {
        var declared = DeclaredCharacterSet(Encoding.Latin1.GetString(bytes));
        Hl7TextEncoding encoding;
        if (declared.Length > 0 && DicomTerms.TryGetValue(declared, out var term)) encoding = new(DicomCharacterSet.FromSpecificCharacterSet(term), term, declared);
        else if (System.Text.Ascii.IsValid(bytes)) encoding = new(DicomCharacterSet.Default, "", declared);
        else if (System.Text.Unicode.Utf8.IsValid(bytes)) encoding = new(DicomCharacterSet.Utf8, "ISO_IR 192", declared);
        else
        {
            var fallback = fallbackDicomTerm.Length > 0 ? fallbackDicomTerm : "ISO_IR 100";
            encoding = new(DicomCharacterSet.FromSpecificCharacterSet(fallback), fallback, declared);
        }
        return (encoding.CharacterSet.Decode(bytes, DicomVR.UT), encoding);
    }

    /// <summary>Encodes a reply in the same character set.</summary>
    public byte[] Encode(string text) => CharacterSet.Encode(text, DicomVR.UT);

    // MSH-18 of the first segment, read with the default delimiters' positions taken from the text itself.
    private static string DeclaredCharacterSet(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        if (header.Length < 4 || !header.StartsWith("MSH", StringComparison.Ordinal)) return "";
        var fields = header[4..].Split(header[3]);
        // fields[0] is MSH-2, so MSH-18 is fields[16]; its first repetition and component.
        if (fields.Length < 17 || fields[0].Length < 2) return "";
        return fields[16].Split(fields[0][1])[0].Split(fields[0][0])[0].Trim();
    }
}
