using BenchmarkDotNet.Attributes;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.JpegLs;
using Hounsfield.Dicom.Codecs.Rle;

namespace Hounsfield.Benchmarks;

/// <summary>Decode and encode of one 512×512 frame: 16-bit CT-like and 8-bit RGB, RLE and JPEG-LS.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    [Params("ct16", "rgb8")]
    public string Image { get; set; } = "ct16";

    private FrameInfo _info = BenchImages.Ct512;
    private byte[] _native = [];
    private byte[] _decoded = [];
    private byte[] _rle = [];
    private byte[] _jls = [];
    private readonly RleCodec _rleCodec = new();
    private readonly JpegLsCodec _jlsCodec = new();

    [GlobalSetup]
    public void Setup()
    {
        (_info, _native) = Image == "ct16" ? (BenchImages.Ct512, BenchImages.MakeCt()) : (BenchImages.Rgb512, BenchImages.MakeRgb());
        _decoded = new byte[_info.NativeFrameLength];
        _rle = _rleCodec.Encode(RleCodec.RleLossless, _native, _info);
        _jls = _jlsCodec.Encode(JpegLsCodec.JpegLsLossless, _native, _info);
    }

    [Benchmark]
    public void RleDecode() => _rleCodec.Decode(RleCodec.RleLossless, _rle, _info, _decoded);

    [Benchmark]
    public byte[] RleEncode() => _rleCodec.Encode(RleCodec.RleLossless, _native, _info);

    [Benchmark]
    public void JpegLsDecode() => _jlsCodec.Decode(JpegLsCodec.JpegLsLossless, _jls, _info, _decoded);

    [Benchmark]
    public byte[] JpegLsEncode() => _jlsCodec.Encode(JpegLsCodec.JpegLsLossless, _native, _info);
}
