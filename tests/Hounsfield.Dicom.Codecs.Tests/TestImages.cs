using Hounsfield.Dicom.Codecs;

namespace Hounsfield.Dicom.Codecs.Tests;

/// <summary>Deterministic synthetic images for codec tests.</summary>
public static class TestImages
{
    public static FrameInfo Info(int rows, int columns, int samples, int bitsAllocated, int bitsStored, bool signed = false, int planar = 0) =>
        new(rows, columns, samples, bitsAllocated, bitsStored, signed, planar, samples == 3 ? "RGB" : "MONOCHROME2");

    /// <summary>
    /// A mix of gradient, flat areas (run mode), noise and hard edges; values fill Bits Stored and
    /// signed images are sign-extended to Bits Allocated.
    /// </summary>
    public static byte[] Make(FrameInfo info, int seed = 1, string kind = "mixed")
    {
        var random = new Random(seed);
        var bytes = new byte[info.NativeFrameLength];
        var max = (1L << info.BitsStored) - 1;
        var count = info.Rows * info.Columns * info.SamplesPerPixel;
        for (var i = 0; i < count; i++)
        {
            var pixel = i / info.SamplesPerPixel;
            var y = pixel / info.Columns;
            var x = pixel % info.Columns;
            var s = i % info.SamplesPerPixel;
            long v = kind switch
            {
                "noise" => random.NextInt64(max + 1),
                "flat" => max / 3,
                "gradient" => (long)(x + y * 3 + s * 17) * max / Math.Max(1, info.Columns + info.Rows * 3 + 40),
                _ => ((x / 5 + y / 7) % 4) switch
                {
                    0 => max / 2 + s,
                    1 => (long)(x * 7 + y * 3) * max / Math.Max(1, info.Columns * 7 + info.Rows * 3),
                    2 => random.NextInt64(max + 1),
                    _ => (x + y) % 2 == 0 ? 0 : max,
                },
            };
            var value = (int)Math.Clamp(v, 0, max);
            if (info.IsSigned)
            {
                var shift = 32 - info.BitsStored;
                value = (value << shift) >> shift;
            }
            var index = info.PlanarConfiguration == 1 && info.SamplesPerPixel > 1
                ? s * info.Rows * info.Columns + pixel
                : i;
            var size = info.BitsAllocated / 8;
            for (var b = 0; b < size; b++)
                bytes[index * size + b] = (byte)(value >> (8 * b));
        }
        return bytes;
    }

    /// <summary>The samples reduced to Bits Stored (DCMTK need not sign-extend decoded samples).</summary>
    public static int[] Masked(FrameInfo info, byte[] a)
    {
        var size = info.BitsAllocated / 8;
        var mask = (1 << info.BitsStored) - 1;
        var result = new int[a.Length / size];
        for (var i = 0; i < result.Length; i++)
            result[i] = (size == 1 ? a[i] : a[2 * i] | a[2 * i + 1] << 8) & mask;
        return result;
    }

    /// <summary>The largest absolute difference between samples, compared in Bits Stored.</summary>
    public static int MaxError(FrameInfo info, byte[] a, byte[] b)
    {
        var size = info.BitsAllocated / 8;
        var max = 0;
        var mask = (1 << info.BitsStored) - 1;
        for (var i = 0; i < a.Length / size; i++)
        {
            int va = 0, vb = 0;
            for (var k = 0; k < size; k++)
            {
                va |= a[i * size + k] << (8 * k);
                vb |= b[i * size + k] << (8 * k);
            }
            va &= mask;
            vb &= mask;
            max = Math.Max(max, Math.Abs(va - vb));
        }
        return max;
    }
}
