using System.Globalization;
using System.Text;

namespace Hounsfield.Dicom.Tests.CharacterSets;

/// <summary>Byte sequences written as in the standard's examples: hex pairs, with "ESC" for 0x1B and 'text' for ASCII runs.</summary>
internal static class Hex
{
    public static byte[] Parse(string spec)
    {
        var bytes = new List<byte>();
        var i = 0;
        while (i < spec.Length)
        {
            if (char.IsWhiteSpace(spec[i])) { i++; continue; }
            if (spec[i] == '\'')
            {
                var end = spec.IndexOf('\'', i + 1);
                bytes.AddRange(Encoding.ASCII.GetBytes(spec[(i + 1)..end]));
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < spec.Length && !char.IsWhiteSpace(spec[i])) i++;
            var token = spec[start..i];
            bytes.Add(token == "ESC" ? (byte)0x1B : byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        return bytes.ToArray();
    }

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(b == 0x1B ? "ESC" : b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
