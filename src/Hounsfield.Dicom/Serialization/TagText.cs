namespace Hounsfield.Dicom.Serialization;

/// <summary>Tags as JSON names and XML tag attributes: "GGGGEEEE", upper-case hexadecimal (PS3.18 F.2.2, PS3.19 A.1.5).</summary>
internal static class TagText
{
    private static ReadOnlySpan<byte> Digits => "0123456789ABCDEF"u8;

    public static void Format(DicomTag tag, Span<byte> destination)
    {
        var value = tag.Value;
        for (var i = 7; i >= 0; i--)
        {
            destination[i] = Digits[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    public static string Format(DicomTag tag)
    {
        Span<byte> text = stackalloc byte[8];
        Format(tag, text);
        return System.Text.Encoding.ASCII.GetString(text);
    }

    /// <summary>Parses eight hexadecimal digits (lower case tolerated).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DicomTag tag)
    {
        tag = default;
        if (text.Length != 8) return false;
        uint value = 0;
        foreach (var c in text)
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                _ => -1,
            };
            if (digit < 0) return false;
            value = (value << 4) | (uint)digit;
        }
        tag = new DicomTag(value);
        return true;
    }

    /// <summary>Parses eight hexadecimal digits (lower case tolerated).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DicomTag tag)
    {
        tag = default;
        if (text.Length != 8) return false;
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < 8; i++)
        {
            if (text[i] > 0x7F) return false;
            bytes[i] = (byte)text[i];
        }
        return TryParse(bytes, out tag);
    }
}
