using System.Globalization;
using System.Text;

namespace Hounsfield.Dicom.Network.Tests;

/// <summary>Builds hand-written test vectors: hex for structure, ASCII for UIDs and titles.</summary>
internal static class TestBytes
{
    public static byte[] H(string hex)
    {
        var clean = hex.Replace(" ", "").Replace("\n", "").Replace("\r", "");
        var bytes = new byte[clean.Length / 2];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = byte.Parse(clean.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return bytes;
    }

    public static byte[] A(string ascii) => Encoding.ASCII.GetBytes(ascii);

    /// <summary>An AE title field: 16 bytes, space padded.</summary>
    public static byte[] AE(string title) => A(title.PadRight(16));

    public static byte[] Zeros(int n) => new byte[n];

    public static byte[] Cat(params byte[][] parts)
    {
        var total = 0;
        foreach (var p in parts) total += p.Length;
        var result = new byte[total];
        var at = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, at);
            at += p.Length;
        }
        return result;
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
