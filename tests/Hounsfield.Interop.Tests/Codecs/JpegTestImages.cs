using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>Synthetic native frames for JPEG tests.</summary>
internal static class JpegTestImages
{
    public static FrameInfo Info(int rows, int cols, int spp, int bits, bool signed = false, int planar = 0, string? photometric = null) =>
        new(rows, cols, spp, bits <= 8 ? 8 : 16, bits, signed, planar, photometric ?? (spp == 3 ? "RGB" : "MONOCHROME2"));

    /// <summary>A smooth gradient plus seeded noise, in the native layout of <paramref name="info"/>.</summary>
    public static byte[] Make(FrameInfo info, int seed = 1, double noise = 0.05)
    {
        var rng = new Random(seed);
        var data = new byte[info.NativeFrameLength];
        var max = (1 << info.BitsStored) - 1;
        var n = info.SamplesPerPixel;
        for (var y = 0; y < info.Rows; y++)
            for (var x = 0; x < info.Columns; x++)
                for (var c = 0; c < n; c++)
                {
                    var g = (x * 0.6 + y * 0.4 + c * 0.2 * info.Columns) / (info.Columns + info.Rows + 0.5 * info.Columns);
                    g += Math.Sin((x + c * 7) * 0.15) * 0.1 + Math.Cos(y * 0.11) * 0.1;
                    g += (rng.NextDouble() - 0.5) * noise;
                    var v = (int)Math.Clamp(g * max, 0, max);
                    if (info.IsSigned) v -= 1 << (info.BitsStored - 1);
                    var idx = info.PlanarConfiguration == 1 ? (long)c * info.Rows * info.Columns + (long)y * info.Columns + x : ((long)y * info.Columns + x) * n + c;
                    if (info.BitsAllocated == 8) data[idx] = (byte)v;
                    else
                    {
                        var u = (ushort)(short)v;
                        if (!info.IsSigned) u = (ushort)v;
                        data[2 * idx] = (byte)u;
                        data[2 * idx + 1] = (byte)(u >> 8);
                    }
                }
        return data;
    }

    public static byte[] Noise(FrameInfo info, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[info.NativeFrameLength];
        rng.NextBytes(data);
        var mask = (1 << info.BitsStored) - 1;
        if (info.BitsAllocated == 16)
            for (var i = 0; i < data.Length; i += 2)
            {
                var v = (data[i] | data[i + 1] << 8) & mask;
                if (info.IsSigned && (v & (1 << (info.BitsStored - 1))) != 0) v |= ~mask;
                data[i] = (byte)v;
                data[i + 1] = (byte)(v >> 8);
            }
        else
            for (var i = 0; i < data.Length; i++) data[i] = (byte)(data[i] & mask);
        return data;
    }

    public static double Psnr(byte[] a, byte[] b, FrameInfo info)
    {
        double se = 0;
        long n = 0;
        var max = (1 << info.BitsStored) - 1;
        for (var i = 0; i < a.Length; i += info.BitsAllocated / 8)
        {
            int x = info.BitsAllocated == 8 ? a[i] : a[i] | a[i + 1] << 8;
            int y = info.BitsAllocated == 8 ? b[i] : b[i] | b[i + 1] << 8;
            se += (double)(x - y) * (x - y);
            n++;
        }
        if (se == 0) return double.PositiveInfinity;
        return 10 * Math.Log10((double)max * max / (se / n));
    }
}
