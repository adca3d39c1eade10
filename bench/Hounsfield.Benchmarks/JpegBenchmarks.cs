using BenchmarkDotNet.Attributes;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg;

namespace Hounsfield.Benchmarks;

/// <summary>JPEG codec throughput on 512×512 frames: 16-bit lossless (SV1) and 8-bit RGB baseline.</summary>
[MemoryDiagnoser]
public class JpegBenchmarks
{
    private readonly JpegCodec _codec = new();
    private FrameInfo _ct = null!;
    private FrameInfo _rgb = null!;
    private byte[] _ctNative = [];
    private byte[] _rgbNative = [];
    private byte[] _ctEncoded = [];
    private byte[] _rgbEncoded = [];
    private byte[] _ctOut = [];
    private byte[] _rgbOut = [];

    [GlobalSetup]
    public void Setup()
    {
        _ct = new FrameInfo(512, 512, 1, 16, 16, false, 0, "MONOCHROME2");
        _rgb = new FrameInfo(512, 512, 3, 8, 8, false, 0, "RGB");
        _ctNative = JpegSamples.CtLike(_ct, 1);
        _rgbNative = JpegSamples.Photo(_rgb, 2);
        _ctEncoded = _codec.Encode(JpegCodec.LosslessSV1, _ctNative, _ct);
        _rgbEncoded = _codec.Encode(JpegCodec.Baseline, _rgbNative, _rgb);
        _ctOut = new byte[_ct.NativeFrameLength];
        _rgbOut = new byte[_rgb.NativeFrameLength];
    }

    /// <summary>Decode 512×512 16-bit lossless SV1.</summary>
    [Benchmark]
    public void DecodeLossless16() => _codec.Decode(JpegCodec.LosslessSV1, _ctEncoded, _ct, _ctOut);

    /// <summary>Encode 512×512 16-bit lossless SV1.</summary>
    [Benchmark]
    public byte[] EncodeLossless16() => _codec.Encode(JpegCodec.LosslessSV1, _ctNative, _ct);

    /// <summary>Decode 512×512 RGB baseline (4:2:2, to RGB).</summary>
    [Benchmark]
    public void DecodeBaselineRgb() => _codec.Decode(JpegCodec.Baseline, _rgbEncoded, _rgb with { PhotometricInterpretation = "YBR_FULL_422" }, _rgbOut);

    /// <summary>Encode 512×512 RGB baseline, quality 90, 4:2:2.</summary>
    [Benchmark]
    public byte[] EncodeBaselineRgb() => _codec.Encode(JpegCodec.Baseline, _rgbNative, _rgb);
}

/// <summary>Synthetic images for JPEG benchmarks.</summary>
internal static class JpegSamples
{
    /// <summary>A CT-like 16-bit slice (12-bit-ish range: body disc, air outside, noise).</summary>
    public static byte[] CtLike(FrameInfo info, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[info.NativeFrameLength];
        var max = (1 << info.BitsStored) - 1;
        for (var y = 0; y < info.Rows; y++)
            for (var x = 0; x < info.Columns; x++)
            {
                double dx = (x - info.Columns / 2.0) / info.Columns, dy = (y - info.Rows / 2.0) / info.Rows;
                var r = Math.Sqrt(dx * dx + dy * dy);
                var v = r < 0.4 ? 1000 + 40 * Math.Sin(x * 0.05) * Math.Cos(y * 0.07) + (r < 0.1 ? 600 : 0) : 24;
                v += rng.NextDouble() * 20;
                var s = (int)Math.Clamp(v * (max / 4095.0), 0, max);
                if (info.BitsAllocated == 16) { data[2 * (y * info.Columns + x)] = (byte)s; data[2 * (y * info.Columns + x) + 1] = (byte)(s >> 8); }
                else data[y * info.Columns + x] = (byte)s;
            }
        return data;
    }

    /// <summary>A smooth colour image with texture.</summary>
    public static byte[] Photo(FrameInfo info, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[info.NativeFrameLength];
        for (var y = 0; y < info.Rows; y++)
            for (var x = 0; x < info.Columns; x++)
                for (var c = 0; c < 3; c++)
                {
                    var v = 128 + 90 * Math.Sin(x * (0.02 + c * 0.01)) * Math.Cos(y * 0.015) + rng.Next(-6, 7);
                    data[(y * info.Columns + x) * 3 + c] = (byte)Math.Clamp(v, 0, 255);
                }
        return data;
    }
}
