using Hounsfield.Dicom.Codecs.Jpeg;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg;

/// <summary>The vectorised kernels must give the same samples as the portable (IJG islow) arithmetic.</summary>
public class JpegKernelTests
{
    [Theory]
    [InlineData(8, 50)]
    [InlineData(8, 2000)]
    [InlineData(8, 32767)]
    [InlineData(12, 800)]
    [InlineData(12, 32767)]
    public void VectorIdctMatchesScalar(int precision, int range)
    {
        if (!JpegIdctAvx2.IsSupported) return; // xunit 2 cannot skip at run time; the scalar path is then the only one
        var rng = new Random(precision * 7919 + range);
        var coef = new short[64];
        var quant = new ushort[64];
        const int stride = 24;
        var expected = new ushort[8 * stride];
        var actual = new ushort[8 * stride];
        for (var trial = 0; trial < 2000; trial++)
        {
            var sparse = trial % 3 == 0;
            for (var i = 0; i < 64; i++)
            {
                coef[i] = sparse && rng.Next(4) != 0 ? (short)0 : (short)rng.Next(-range, range + 1);
                quant[i] = (ushort)rng.Next(1, precision == 8 ? 256 : 65536);
            }
            JpegIdct.InverseScalar(coef, quant, expected, stride, precision);
            JpegIdctAvx2.Inverse(ref coef[0], ref quant[0], ref actual[0], stride, precision);
            for (var r = 0; r < 8; r++)
                Assert.Equal(expected.AsSpan(r * stride, 8).ToArray(), actual.AsSpan(r * stride, 8).ToArray());
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    public void DcOnlyMatchesFullTransform(int precision)
    {
        var coef = new short[64];
        var quant = new ushort[64];
        var expected = new ushort[64];
        var actual = new ushort[64];
        for (var dc = -2100; dc <= 2100; dc += 7)
            foreach (var q in new ushort[] { 1, 3, 16, 99, 255 })
            {
                coef[0] = (short)dc;
                quant[0] = q;
                JpegIdct.InverseScalar(coef, quant, expected, 8, precision);
                JpegIdct.InverseDcOnly(dc, q, actual, 8, precision);
                Assert.Equal(expected, actual);
            }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(515)]
    public void VectorColorConversionMatchesScalar(int width)
    {
        var rng = new Random(width);
        var y = new ushort[width];
        var cb = new ushort[width];
        var cr = new ushort[width];
        for (var i = 0; i < width; i++) { y[i] = (ushort)rng.Next(256); cb[i] = (ushort)rng.Next(256); cr[i] = (ushort)rng.Next(256); }
        var rgb = new byte[3 * width];
        JpegColor.YccToRgb8(y, cb, cr, rgb);
        JpegColor.YccToRgbRow(y, cb, cr, 8);
        for (var i = 0; i < width; i++)
        {
            Assert.Equal(y[i], rgb[3 * i]);
            Assert.Equal(cb[i], rgb[3 * i + 1]);
            Assert.Equal(cr[i], rgb[3 * i + 2]);
        }
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(8, 90)]
    [InlineData(12, 1)]
    [InlineData(12, 100)]
    public void VectorForwardDctAndQuantizationMatchScalar(int precision, int quality)
    {
        if (!JpegFdctAvx2.IsSupported) return; // xunit 2 cannot skip at run time; the scalar path is then the only one
        var rng = new Random(precision * 100 + quality);
        var max = (1 << precision) - 1;
        var center = 1 << (precision - 1);
        var maxCoef = precision == 8 ? 2047 : 32767;
        const int stride = 13;
        var samples = new int[8 * stride];
        var half = new int[64];
        var recip = new uint[64];
        var q = new int[64];
        for (var i = 0; i < 64; i++)
        {
            q[i] = quality == 100 ? 1 : rng.Next(1, 256);
            var d = q[i] << 3;
            half[i] = d >> 1;
            recip[i] = (uint)(((1UL << 32) + (ulong)d - 1) / (ulong)d);
        }
        var reference = new int[64];
        var vector = new int[64];
        var quantized = new short[64];
        for (var trial = 0; trial < 500; trial++)
        {
            for (var i = 0; i < samples.Length; i++) samples[i] = trial % 2 == 0 ? rng.Next(max + 1) : (i & 1) * max;
            for (var r = 0; r < 8; r++)
                for (var c = 0; c < 8; c++) reference[r * 8 + c] = samples[r * stride + c] - center;
            JpegFdct.Forward(reference, precision);
            JpegFdctAvx2.Forward(ref samples[0], stride, center, precision, ref vector[0]);
            Assert.Equal(reference, vector);
            var nonZero = JpegFdctAvx2.ForwardQuantize(ref samples[0], stride, center, precision, ref half[0], ref recip[0], maxCoef, ref quantized[0]);
            for (var i = 0; i < 64; i++)
            {
                // Rounded division as T.81 A.3.4 describes it, done the slow way.
                var v = reference[i];
                var d = q[i] << 3;
                var expected = Math.Clamp(v < 0 ? -((-v + (d >> 1)) / d) : (v + (d >> 1)) / d, -maxCoef, maxCoef);
                Assert.Equal(expected, quantized[i]);
                Assert.Equal(expected != 0, (nonZero >> i & 1) != 0);
            }
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(47)]
    [InlineData(512)]
    public void VectorRgbToYccAndSubsamplingMatchScalar(int width)
    {
        var rng = new Random(width);
        var rgb = new byte[3 * width];
        rng.NextBytes(rgb);
        int[] k = [19595, 38470, 7471, 11059, 21709, 32768, 27439, 5329, 1 << 15, (128 << 16) + (1 << 15) - 1];
        var y = new int[width];
        var cb = new int[width];
        var cr = new int[width];
        var done = JpegColorSimd.RgbToYcc8(rgb, y, cb, cr, k);
        for (var x = 0; x < done; x++)
        {
            int r = rgb[3 * x], g = rgb[3 * x + 1], b = rgb[3 * x + 2];
            Assert.Equal((k[0] * r + k[1] * g + k[2] * b + k[8]) >> 16, y[x]);
            Assert.Equal((-k[3] * r - k[4] * g + k[5] * b + k[9]) >> 16, cb[x]);
            Assert.Equal((k[5] * r - k[6] * g - k[7] * b + k[9]) >> 16, cr[x]);
        }
        var sub = new int[width / 2];
        var averaged = JpegColorSimd.Subsample2(cb, sub);
        for (var x = 0; x < averaged; x++) Assert.Equal((cb[2 * x] + cb[2 * x + 1] + (x & 1)) >> 1, sub[x]);
        if (JpegFdctAvx2.IsSupported) Assert.True(done == width / 16 * 16 && averaged == width / 16 * 8, "the vector paths did not run");
    }
}
