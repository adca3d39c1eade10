using System.Globalization;
using Hounsfield.Dicom.Codecs.Jpeg;
using Hounsfield.Dicom.Codecs.Jpeg2000;

namespace Hounsfield.Dicom.Codecs.Transcoding;

/// <summary>
/// Rewrites a data set's pixel data in another transfer syntax, frame by frame, with the codecs of
/// <see cref="DicomCodecRegistry"/>: native to encapsulated, encapsulated to native, and between
/// encapsulated syntaxes through native. Photometric Interpretation and Lossy Image Compression
/// are updated as PS3.5 §8.2 and PS3.3 C.7.6.1.1.5 require.
/// </summary>
/// <remarks>
/// The static <see cref="Transcode"/> converts to whatever syntax it is asked for. As an
/// <see cref="IDicomTranscoder"/> (used by the network layer when a peer refused a file's own syntax)
/// an instance also applies a policy: <see cref="Default"/> never compresses lossily, because a
/// peer's choice of syntax is no reason to lose pixel values.
/// </remarks>
public sealed class DicomTranscoder : IDicomTranscoder
{
    /// <summary>Converts with every codec we have, lossless targets only.</summary>
    public static DicomTranscoder Default { get; } = new();

    /// <summary>Whether lossy targets may be chosen (default false).</summary>
    public bool AllowLossy { get; init; }

    /// <summary>Encoder settings for the syntaxes it compresses into.</summary>
    public DicomCodecParameters Parameters { get; init; } = new();

    bool IDicomTranscoder.CanTranscode(DicomTransferSyntax source, DicomTransferSyntax target) =>
        CanTranscode(source, target) && (AllowLossy || !target.IsLossy || IsLosslessUse(target, Parameters));

    DicomFile IDicomTranscoder.Transcode(DicomFile file, DicomTransferSyntax target) => Transcode(file, target, Parameters);

    /// <summary>True when <paramref name="source"/> can be rewritten in <paramref name="target"/> with the codecs we have.</summary>
    public static bool CanTranscode(DicomTransferSyntax source, DicomTransferSyntax target) =>
        (!source.IsEncapsulated || DicomCodecRegistry.TryGet(source, out _)) && (!target.IsEncapsulated || DicomCodecRegistry.TryGet(target, out _));

    /// <summary>
    /// A copy of <paramref name="file"/>'s data set with its pixel data in <paramref name="target"/>.
    /// The source file is not changed.
    /// </summary>
    /// <exception cref="DicomCodecException">No codec for one of the syntaxes, or a code stream is corrupt.</exception>
    public static DicomFile Transcode(DicomFile file, DicomTransferSyntax target, DicomCodecParameters? parameters = null)
    {
        var source = file.TransferSyntax;
        var dataset = file.Dataset.Clone();
        var result = new DicomFile(dataset, target);
        if (!dataset.Contains(DicomTag.PixelData) || source.IsEncapsulated == target.IsEncapsulated && (!source.IsEncapsulated || source.Equals(target)))
            return result;
        if (!CanTranscode(source, target))
            throw new DicomCodecException($"no codec converts {source.Name} to {target.Name}");
        var codec = source.IsEncapsulated ? DicomCodecRegistry.Get(source) : null;
        var encoder = target.IsEncapsulated ? DicomCodecRegistry.Get(target) : null;
        var info = FrameInfo.From(dataset);
        var pixels = new DicomPixelData(dataset);
        var frames = new TranscodedFrames(pixels.NumberOfFrames * info.NativeFrameLength);
        var native = codec is null ? null : new byte[info.NativeFrameLength];
        var settings = parameters ?? new DicomCodecParameters();
        for (var i = 0; i < pixels.NumberOfFrames; i++)
        {
            var frame = pixels.GetFrame(i);
            if (codec is not null) codec.Decode(source, frame, info, native);
            var decoded = native ?? frame;
            frames.Add(encoder is null ? decoded : encoder.Encode(target, decoded, info, settings));
        }
        if (codec is JpegCodec jpeg)
            dataset.Set(DicomTag.PhotometricInterpretation, jpeg.PhotometricAfterDecode(source, info.PhotometricInterpretation));
        if (codec is Jpeg2000Codec or Jpeg2000.HighThroughput.HtJpeg2000Codec)
            dataset.Set(DicomTag.PhotometricInterpretation, Jpeg2000Codec.PhotometricAfterDecode(info.PhotometricInterpretation));
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
        if (encoder is null) WriteNative(dataset, frames, info);
        else WriteEncapsulated(dataset, frames, encoder, target, info with { PhotometricInterpretation = dataset.GetString(DicomTag.PhotometricInterpretation) ?? info.PhotometricInterpretation }, settings);
        return result;
    }

    private static void WriteNative(DicomDataset dataset, TranscodedFrames frames, FrameInfo info)
    {
        var vr = info.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB;
        if (frames.Spilled is { } spilled) dataset.Set(DicomTag.PixelData, vr, spilled);
        else dataset.SetBytes(DicomTag.PixelData, vr, frames.Concatenated());
    }

    private static void WriteEncapsulated(DicomDataset dataset, TranscodedFrames frames, IDicomCodec codec, DicomTransferSyntax target,
        FrameInfo info, DicomCodecParameters parameters)
    {
        var offsets = new List<uint>(frames.Count);
        var result = new DicomFragments();
        long position = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var fragment = frames.Fragment(i);
            offsets.Add(checked((uint)position));
            result.Add(fragment);
            position += 8 + fragment.Length + (fragment.Length & 1);
        }
        // The Basic Offset Table holds 32-bit offsets; past 4 GiB a reader locates frames by fragment.
        if (frames.Count > 1 && position <= uint.MaxValue) result.BasicOffsetTable = offsets;
        dataset.Set(DicomTag.PixelData, result);
        if (codec is JpegCodec jpeg)
            dataset.Set(DicomTag.PhotometricInterpretation, jpeg.PhotometricAfterEncode(target, info.PhotometricInterpretation));
        if (codec is Jpeg2000Codec)
            dataset.Set(DicomTag.PhotometricInterpretation, Jpeg2000Codec.PhotometricAfterEncode(target, info, parameters));
        if (codec is Jpeg2000.HighThroughput.HtJpeg2000Codec)
            dataset.Set(DicomTag.PhotometricInterpretation, Jpeg2000.HighThroughput.HtJpeg2000Codec.PhotometricAfterEncode(target, info, parameters));
        if (info.SamplesPerPixel > 1) dataset.Set(DicomTag.PlanarConfiguration, (ushort)0);
        if (target.IsLossy && !IsLosslessUse(target, parameters)) MarkLossy(dataset, target, info.NativeFrameLength * frames.Count, frames.Length);
    }

    // JPEG-LS Near-Lossless with NEAR 0 is a lossless stream under a lossy-capable syntax; so are
    // JPEG 2000 and HTJ2K with no target ratio.
    private static bool IsLosslessUse(DicomTransferSyntax target, DicomCodecParameters parameters) => target.Uid.Value switch
    {
        "1.2.840.10008.1.2.4.81" => parameters.NearLossless == 0,
        "1.2.840.10008.1.2.4.91" or "1.2.840.10008.1.2.4.203" => parameters.CompressionRatio == 0,
        _ => false,
    };

    // PS3.3 C.7.6.1.1.5: once lossy, always lossy; ratio and method are appended to any earlier ones.
    private static void MarkLossy(DicomDataset dataset, DicomTransferSyntax target, long nativeBytes, long encodedBytes)
    {
        var ratio = encodedBytes == 0 ? 0 : (double)nativeBytes / encodedBytes;
        var method = target.Uid.Value switch
        {
            "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51" => "ISO_10918_1",
            "1.2.840.10008.1.2.4.81" => "ISO_14495_1",
            "1.2.840.10008.1.2.4.91" => "ISO_15444_1",
            "1.2.840.10008.1.2.4.203" => "ISO_15444_15",
            _ => target.Uid.Value,
        };
        dataset.Set(DicomTag.LossyImageCompression, "01");
        var ratios = dataset.GetStrings(DicomTag.LossyImageCompressionRatio).Append(ratio.ToString("0.###", CultureInfo.InvariantCulture)).ToArray();
        var methods = dataset.GetStrings(DicomTag.LossyImageCompressionMethod).Append(method).ToArray();
        dataset.Set(DicomTag.LossyImageCompressionRatio, ratios);
        dataset.Set(DicomTag.LossyImageCompressionMethod, methods);
    }
}
