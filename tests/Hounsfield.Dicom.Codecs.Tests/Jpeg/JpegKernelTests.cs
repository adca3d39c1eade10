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
}
