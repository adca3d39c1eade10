using Hounsfield.Dicom.Codecs.Tests;
using Hounsfield.Interop.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.JpegLs;
using Hounsfield.Dicom.Codecs.Rle;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>
/// Bit-exactness against DCMTK 3.6.7: files written by us uncompressed are compressed by
/// dcmcjpls/dcmcrle and decoded by our codecs; files compressed by our codecs are decoded by
/// dcmdjpls/dcmdrle. Every comparison is against the original pixels.
/// </summary>
public sealed class CodecInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-codec-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public sealed record Image(string Name, int Rows, int Columns, int Samples, int BitsAllocated, int BitsStored, bool Signed, int Frames, string Kind)
    {
        public override string ToString() => Name;

        public FrameInfo Info => new(Rows, Columns, Samples, BitsAllocated, BitsStored, Signed, 0, Samples == 3 ? "RGB" : "MONOCHROME2");
    }

    public static TheoryData<Image> Images() =>
    [
        new("gradient-8", 33, 47, 1, 8, 8, false, 1, "gradient"),
        new("noise-8", 16, 21, 1, 8, 8, false, 1, "noise"),
        new("mixed-12", 37, 29, 1, 16, 12, false, 1, "mixed"),
        new("mixed-16", 40, 31, 1, 16, 16, false, 2, "mixed"),
        new("noise-16", 9, 64, 1, 16, 16, false, 1, "noise"),
        new("signed-16", 24, 17, 1, 16, 16, true, 1, "mixed"),
        new("signed-12", 24, 17, 1, 16, 12, true, 1, "mixed"),
        new("rgb-8", 23, 19, 3, 8, 8, false, 2, "mixed"),
        new("rgb-noise-8", 8, 11, 3, 8, 8, false, 1, "noise"),
        new("odd-1x1", 1, 1, 1, 8, 8, false, 1, "mixed"),
        new("odd-3x511", 3, 511, 1, 16, 16, false, 1, "mixed"),
        new("flat-16", 30, 30, 1, 16, 16, false, 1, "flat"),
    ];

    private static byte[][] Frames(Image image)
    {
        var frames = new byte[image.Frames][];
        for (var f = 0; f < image.Frames; f++)
            frames[f] = TestImages.Make(image.Info, 100 + f, image.Kind);
        return frames;
    }

    private static DicomDataset Dataset(Image image)
    {
        var info = image.Info;
        var ds = new DicomDataset();
        ds.Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.SeriesInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.Modality, "OT");
        ds.Set(DicomTag.Rows, (ushort)info.Rows).Set(DicomTag.Columns, (ushort)info.Columns);
        ds.Set(DicomTag.SamplesPerPixel, (ushort)info.SamplesPerPixel);
        ds.Set(DicomTag.PhotometricInterpretation, info.PhotometricInterpretation);
        if (info.SamplesPerPixel > 1)
            ds.Set(DicomTag.PlanarConfiguration, (ushort)0);
        ds.Set(DicomTag.BitsAllocated, (ushort)info.BitsAllocated);
        ds.Set(DicomTag.BitsStored, (ushort)info.BitsStored);
        ds.Set(DicomTag.HighBit, (ushort)(info.BitsStored - 1));
        ds.Set(DicomTag.PixelRepresentation, (ushort)(info.IsSigned ? 1 : 0));
        if (image.Frames > 1)
            ds.Set(DicomTag.NumberOfFrames, image.Frames);
        return ds;
    }

    private string WriteNative(Image image, byte[][] frames)
    {
        var ds = Dataset(image);
        ds.SetBytes(DicomTag.PixelData, image.BitsAllocated == 8 ? DicomVR.OB : DicomVR.OW, frames.SelectMany(f => f).ToArray());
        var path = Path.Combine(_dir, image.Name + "-native.dcm");
        new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
        return path;
    }

    private string WriteEncoded(Image image, byte[][] frames, IDicomCodec codec, DicomTransferSyntax syntax, DicomCodecParameters? parameters)
    {
        var ds = Dataset(image);
        var fragments = new DicomFragments();
        foreach (var frame in frames)
            fragments.Add(new DicomFragment(codec.Encode(syntax, frame, image.Info, parameters)));
        ds.Set(DicomTag.PixelData, fragments);
        var path = Path.Combine(_dir, image.Name + "-ours.dcm");
        new DicomFile(ds, syntax).Save(path);
        return path;
    }

    private static byte[][] ReadNative(string path, Image image)
    {
        var file = DicomFile.Open(path);
        Assert.False(file.TransferSyntax.IsEncapsulated);
        var pixels = new DicomPixelData(file.Dataset);
        return Enumerable.Range(0, image.Frames).Select(pixels.GetFrame).ToArray();
    }

    private static byte[][] DecodeOurs(string path, Image image, string expectedSyntax)
    {
        var file = DicomFile.Open(path);
        Assert.Equal(expectedSyntax, file.TransferSyntax.Uid.Value);
        var codec = DicomCodecRegistry.Get(file.TransferSyntax);
        var info = FrameInfo.From(file.Dataset);
        var pixels = new DicomPixelData(file.Dataset);
        var result = new byte[image.Frames][];
        for (var f = 0; f < image.Frames; f++)
        {
            result[f] = new byte[info.NativeFrameLength];
            codec.Decode(file.TransferSyntax, pixels.GetFrame(f), info, result[f]);
        }
        return result;
    }

    private static void AssertWithin(Image image, byte[][] expected, byte[][] actual, int near)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var f = 0; f < expected.Length; f++)
        {
            if (near == 0)
                Assert.Equal(TestImages.Masked(image.Info, expected[f]), TestImages.Masked(image.Info, actual[f]));
            else
                Assert.InRange(TestImages.MaxError(image.Info, expected[f], actual[f]), 0, near);
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void DcmtkJpegLsLosslessDecodesWithOurs(Image image)
    {
        var frames = Frames(image);
        var native = WriteNative(image, frames);
        foreach (var ilv in image.Samples == 3 ? new[] { "+il", "+is", "+in" } : new[] { "+il" })
        {
            var compressed = Path.Combine(_dir, $"{image.Name}{ilv}-dcmtk.dcm");
            PeerTool.Run("dcmcjpls", "+el", ilv, native, compressed).EnsureSuccess();
            AssertWithin(image, frames, DecodeOurs(compressed, image, "1.2.840.10008.1.2.4.80"), 0);
        }
    }

    [Fact]
    public void DcmtkFramesSplitOverFragmentsDecodeWithOurs()
    {
        // 1 KB fragments: each frame spans several items, found through the basic offset table.
        var image = new Image("fragmented-16", 64, 48, 1, 16, 16, false, 3, "noise");
        var frames = Frames(image);
        var native = WriteNative(image, frames);
        var compressed = Path.Combine(_dir, "fragmented-dcmtk.dcm");
        PeerTool.Run("dcmcjpls", "+el", "+fs", "1", native, compressed).EnsureSuccess();
        Assert.True(DicomFile.Open(compressed).Dataset.GetFragments(DicomTag.PixelData)!.Count > image.Frames);
        AssertWithin(image, frames, DecodeOurs(compressed, image, "1.2.840.10008.1.2.4.80"), 0);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void DcmtkJpegLsNearLosslessDecodesWithOurs(Image image)
    {
        if (image.Signed)
            return; // dcmcjpls 3.6.7 refuses near-lossless compression of signed pixels
        var frames = Frames(image);
        var native = WriteNative(image, frames);
        foreach (var near in new[] { 1, 3 })
        {
            var compressed = Path.Combine(_dir, $"{image.Name}-near{near}-dcmtk.dcm");
            PeerTool.Run("dcmcjpls", "+en", "+md", near.ToString(System.Globalization.CultureInfo.InvariantCulture), native, compressed).EnsureSuccess();
            AssertWithin(image, frames, DecodeOurs(compressed, image, "1.2.840.10008.1.2.4.81"), near);
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void DcmtkJpegLsWithCustomParametersDecodesWithOurs(Image image)
    {
        // Non-default thresholds and RESET are carried in an LSE marker segment.
        var frames = Frames(image);
        var native = WriteNative(image, frames);
        var compressed = Path.Combine(_dir, $"{image.Name}-lse-dcmtk.dcm");
        var t = image.BitsStored <= 8 ? new[] { "2", "5", "11" } : new[] { "9", "40", "200" };
        PeerTool.Run("dcmcjpls", "+el", "+t1", t[0], "+t2", t[1], "+t3", t[2], "+rs", "31", native, compressed).EnsureSuccess();
        var pixels = new DicomPixelData(DicomFile.Open(compressed).Dataset).GetFrame(0);
        Assert.True(pixels.AsSpan().IndexOf(new byte[] { 0xFF, 0xF8, 0x00, 0x0D, 0x01 }) > 0, "no LSE preset parameters segment");
        AssertWithin(image, frames, DecodeOurs(compressed, image, "1.2.840.10008.1.2.4.80"), 0);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void OurJpegLsDecodesWithDcmtk(Image image)
    {
        var frames = Frames(image);
        foreach (var near in new[] { 0, 1, 3 })
        foreach (var ilv in image.Samples == 3 ? Enum.GetValues<JpegLsInterleave>() : [JpegLsInterleave.None])
        {
            var syntax = near == 0 ? JpegLsCodec.JpegLsLossless : JpegLsCodec.JpegLsNearLossless;
            var ours = WriteEncoded(image, frames, new JpegLsCodec(ilv), syntax, new DicomCodecParameters { NearLossless = near });
            var decoded = Path.Combine(_dir, $"{image.Name}-near{near}-{ilv}-dcmdjpls.dcm");
            PeerTool.Run("dcmdjpls", ours, decoded).EnsureSuccess();
            AssertWithin(image, frames, ReadNative(decoded, image), near);
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void DcmtkRleDecodesWithOurs(Image image)
    {
        var frames = Frames(image);
        var native = WriteNative(image, frames);
        var compressed = Path.Combine(_dir, image.Name + "-dcmcrle.dcm");
        PeerTool.Run("dcmcrle", native, compressed).EnsureSuccess();
        var decoded = DecodeOurs(compressed, image, "1.2.840.10008.1.2.5");
        for (var f = 0; f < frames.Length; f++)
            Assert.Equal(frames[f], decoded[f]);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void OurRleDecodesWithDcmtk(Image image)
    {
        var frames = Frames(image);
        var ours = WriteEncoded(image, frames, new RleCodec(), RleCodec.RleLossless, null);
        var decoded = Path.Combine(_dir, image.Name + "-dcmdrle.dcm");
        PeerTool.Run("dcmdrle", ours, decoded).EnsureSuccess();
        var result = ReadNative(decoded, image);
        for (var f = 0; f < frames.Length; f++)
            Assert.Equal(frames[f], result[f]);
    }
}
