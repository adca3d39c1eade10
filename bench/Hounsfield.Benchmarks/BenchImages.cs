using Hounsfield.Dicom.Codecs;

namespace Hounsfield.Benchmarks;

/// <summary>Deterministic, roughly realistic test images: a CT-like 16-bit slice and an 8-bit RGB photo-like image.</summary>
public static class BenchImages
{
    public static FrameInfo Ct512 { get; } = new(512, 512, 1, 16, 16, false, 0, "MONOCHROME2");

    public static FrameInfo Rgb512 { get; } = new(512, 512, 3, 8, 8, false, 0, "RGB");

    /// <summary>A body-like disc with soft texture, 12 bits of range used in 16 stored, and noise.</summary>
    public static byte[] MakeCt(int seed = 1, int rows = 512, int columns = 512)
    {
        var random = new Random(seed);
        var bytes = new byte[rows * columns * 2];
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < columns; x++)
            {
                var dx = (x - columns / 2.0) / (columns * 0.42);
                var dy = (y - rows / 2.0) / (rows * 0.36);
                var r2 = dx * dx + dy * dy;
                double v;
                if (r2 > 1)
                    v = 0; // air outside the body: long runs
                else
                {
                    v = 1024 + 40 * Math.Sin(x / 9.0 + seed) * Math.Cos(y / 13.0);
                    if ((x - columns / 3) * (x - columns / 3) + (y - rows / 2) * (y - rows / 2) < 900)
                        v += 900; // bone
                    v += random.Next(-12, 13);
                }
                var s = (ushort)Math.Clamp(v, 0, 65535);
                bytes[2 * (y * columns + x)] = (byte)s;
                bytes[2 * (y * columns + x) + 1] = (byte)(s >> 8);
            }
        }
        return bytes;
    }

    /// <summary>Smooth colour gradients with texture and a little noise, interleaved RGB.</summary>
    public static byte[] MakeRgb(int seed = 1, int rows = 512, int columns = 512)
    {
        var random = new Random(seed);
        var bytes = new byte[rows * columns * 3];
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < columns; x++)
            {
                var i = 3 * (y * columns + x);
                var t = 30 * Math.Sin((x + seed) / 17.0) * Math.Sin(y / 23.0);
                bytes[i] = (byte)Math.Clamp(x / 2 + t + random.Next(-3, 4), 0, 255);
                bytes[i + 1] = (byte)Math.Clamp(y / 2 - t + random.Next(-3, 4), 0, 255);
                bytes[i + 2] = (byte)Math.Clamp(128 + t + random.Next(-3, 4), 0, 255);
            }
        }
        return bytes;
    }
}
