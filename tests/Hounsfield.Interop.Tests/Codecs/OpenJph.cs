using System.Text;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>
/// OpenJPH's command-line tools (package openjph-tools): native DICOM frames to and from the PGM/PPM files
/// ojph_compress reads and ojph_expand writes (unsigned samples, 16-bit big-endian above 8 bits).
/// </summary>
public static class OpenJph
{
    /// <summary>Writes an unsigned native frame (planar configuration 0) as PGM or PPM.</summary>
    public static string WriteNetpbm(string directory, string name, FrameInfo info, byte[] native)
    {
        var path = Path.Combine(directory, name + (info.SamplesPerPixel == 3 ? ".ppm" : ".pgm"));
        using var stream = File.Create(path);
        var max = (1 << info.BitsStored) - 1;
        stream.Write(Encoding.ASCII.GetBytes($"{(info.SamplesPerPixel == 3 ? "P6" : "P5")}\n{info.Columns} {info.Rows}\n{max}\n"));
        var count = info.Rows * info.Columns * info.SamplesPerPixel;
        for (var i = 0; i < count; i++)
        {
            var v = Sample(info, native, i) & max;
            if (max > 255) stream.WriteByte((byte)(v >> 8));
            stream.WriteByte((byte)v);
        }
        return path;
    }

    /// <summary>Reads a PGM/PPM file back into a native frame laid out as <paramref name="info"/>.</summary>
    public static byte[] ReadNetpbm(string path, FrameInfo info)
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
        Token();
        Assert.Equal(info.Columns, int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(info.Rows, int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture));
        var max = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        position++;
        var native = new byte[info.NativeFrameLength];
        var size = info.BitsAllocated / 8;
        var count = info.Rows * info.Columns * info.SamplesPerPixel;
        for (var i = 0; i < count; i++)
        {
            var v = max > 255 ? (bytes[position++] << 8) | bytes[position++] : bytes[position++];
            for (var b = 0; b < size; b++) native[i * size + b] = (byte)(v >> (8 * b));
        }
        return native;
    }

    /// <summary>Runs ojph_compress on a frame; returns the J2K code stream.</summary>
    public static byte[] Compress(string directory, FrameInfo info, byte[] native, params string[] options)
    {
        var input = WriteNetpbm(directory, "ojph-in", info, native);
        var output = Path.Combine(directory, "ojph.j2c");
        PeerTool.Run("ojph_compress", ["-i", input, "-o", output, .. options]).EnsureSuccess();
        return File.ReadAllBytes(output);
    }

    /// <summary>Runs ojph_expand on a code stream; returns the native frame.</summary>
    public static byte[] Expand(string directory, FrameInfo info, byte[] codestream)
    {
        var input = Path.Combine(directory, "expand-in.j2c");
        var output = Path.Combine(directory, "expand-out" + (info.SamplesPerPixel == 3 ? ".ppm" : ".pgm"));
        File.WriteAllBytes(input, codestream);
        PeerTool.Run("ojph_expand", "-i", input, "-o", output).EnsureSuccess();
        return ReadNetpbm(output, info);
    }

    private static int Sample(FrameInfo info, byte[] native, int i) =>
        info.BitsAllocated == 8 ? native[i] : native[2 * i] | (native[2 * i + 1] << 8);
}
