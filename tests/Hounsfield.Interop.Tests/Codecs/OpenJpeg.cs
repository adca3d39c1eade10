using System.Globalization;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>
/// Runs OpenJPEG's opj_compress and opj_decompress on native frames through planar little-endian raw
/// files (.rawl), which carry any bit depth and signed samples.
/// </summary>
public static class OpenJpeg
{
    /// <summary>Compresses <paramref name="native"/> with opj_compress and the extra <paramref name="options"/>; returns the J2K code stream.</summary>
    public static byte[] Compress(string dir, FrameInfo info, byte[] native, params string[] options) =>
        Compress(dir, info, native, ".j2k", options);

    /// <summary>As <see cref="Compress(string, FrameInfo, byte[], string[])"/>, writing a .j2k code stream or a .jp2 file by <paramref name="extension"/>.</summary>
    public static byte[] Compress(string dir, FrameInfo info, byte[] native, string extension, params string[] options)
    {
        var name = Path.Combine(dir, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(name + ".rawl", ToPlanar(info, native));
        var format = string.Create(CultureInfo.InvariantCulture, $"{info.Columns},{info.Rows},{info.SamplesPerPixel},{info.BitsStored},{(info.IsSigned ? "s" : "u")}");
        PeerTool.Run("opj_compress", new[] { "-i", name + ".rawl", "-o", name + extension, "-F", format }.Concat(options)).EnsureSuccess();
        return File.ReadAllBytes(name + extension);
    }

    /// <summary>
    /// Decodes <paramref name="codestream"/> with opj_decompress (<paramref name="options"/> e.g. "-r", "1")
    /// and returns the samples per component, masked to Bits Stored, in frame order (interleaved).
    /// </summary>
    public static int[] Decompress(string dir, FrameInfo info, byte[] codestream, int rows, int columns, params string[] options)
    {
        var name = Path.Combine(dir, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(name + ".j2k", codestream);
        PeerTool.Run("opj_decompress", new[] { "-i", name + ".j2k", "-o", name + ".rawl" }.Concat(options)).EnsureSuccess();
        var planar = File.ReadAllBytes(name + ".rawl");
        var size = info.BitsStored > 8 ? 2 : 1;
        var count = rows * columns;
        Assert.Equal(count * info.SamplesPerPixel * size, planar.Length);
        var mask = (1 << info.BitsStored) - 1;
        var result = new int[count * info.SamplesPerPixel];
        for (var c = 0; c < info.SamplesPerPixel; c++)
            for (var i = 0; i < count; i++)
            {
                var at = (c * count + i) * size;
                result[i * info.SamplesPerPixel + c] = (size == 1 ? planar[at] : planar[at] | planar[at + 1] << 8) & mask;
            }
        return result;
    }

    private static byte[] ToPlanar(FrameInfo info, byte[] native)
    {
        var size = info.BitsStored > 8 ? 2 : 1;
        var source = info.BitsAllocated / 8;
        var count = info.Rows * info.Columns;
        var n = info.SamplesPerPixel;
        var result = new byte[count * n * size];
        for (var c = 0; c < n; c++)
            for (var i = 0; i < count; i++)
                for (var b = 0; b < size; b++)
                    result[(c * count + i) * size + b] = native[(i * n + c) * source + b];
        return result;
    }
}
