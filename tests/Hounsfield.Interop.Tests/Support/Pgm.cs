using System.Text;

namespace Hounsfield.Interop.Tests.Support;

/// <summary>Binary PGM (P5) images, the grey-scale format ojph_compress reads and ojph_expand writes; 16-bit samples big-endian.</summary>
public static class Pgm
{
    public static void Write(string path, int width, int height, int maxValue, int[] samples)
    {
        using var stream = File.Create(path);
        stream.Write(Encoding.ASCII.GetBytes($"P5\n{width} {height}\n{maxValue}\n"));
        foreach (var s in samples)
        {
            if (maxValue > 255) stream.WriteByte((byte)(s >> 8));
            stream.WriteByte((byte)s);
        }
    }

    public static (int Width, int Height, int MaxValue, int[] Samples) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[position])) position++;
            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position])) position++;
            return Encoding.ASCII.GetString(bytes, start, position - start);
        }
        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        position++;
        var samples = new int[width * height];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = max > 255 ? (bytes[position++] << 8) | bytes[position++] : bytes[position++];
        return (width, height, max, samples);
    }
}
