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
public static class DicomTranscoder
{
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
        var frames = Decode(dataset, source);
        if (target.IsEncapsulated) Encode(dataset, frames, target, parameters ?? new DicomCodecParameters());
        else WriteNative(dataset, frames);
        return result;
    }

    // The native frames of the data set's pixel data (decoding when it is encapsulated).
    private static List<byte[]> Decode(DicomDataset dataset, DicomTransferSyntax source)
    {
        var pixels = new DicomPixelData(dataset);
        var frames = new List<byte[]>(pixels.NumberOfFrames);
        if (!source.IsEncapsulated)
        {
            for (var i = 0; i < pixels.NumberOfFrames; i++) frames.Add(pixels.GetFrame(i));
            return frames;
        }
        var codec = DicomCodecRegistry.Get(source);
        var info = FrameInfo.From(dataset);
        for (var i = 0; i < pixels.NumberOfFrames; i++)
        {
            var native = new byte[info.NativeFrameLength];
            codec.Decode(source, pixels.GetFrame(i), info, native);
            frames.Add(native);
        }
        if (codec is JpegCodec jpeg)
            dataset.Set(DicomTag.PhotometricInterpretation, jpeg.PhotometricAfterDecode(source, info.PhotometricInterpretation));
        if (codec is Jpeg2000Codec or Jpeg2000.HighThroughput.HtJpeg2000Codec)
            dataset.Set(DicomTag.PhotometricInterpretation, Jpeg2000Codec.PhotometricAfterDecode(info.PhotometricInterpretation));
        return frames;
    }

    private static void WriteNative(DicomDataset dataset, List<byte[]> frames)
    {
        var all = new byte[frames.Sum(f => (long)f.Length)];
        var at = 0;
        foreach (var frame in frames)
        {
            frame.CopyTo(all, at);
            at += frame.Length;
        }
        dataset.SetBytes(DicomTag.PixelData, FrameInfo.From(dataset).BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, all);
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
    }

    private static void Encode(DicomDataset dataset, List<byte[]> frames, DicomTransferSyntax target, DicomCodecParameters parameters)
    {
        var codec = DicomCodecRegistry.Get(target);
        var info = FrameInfo.From(dataset);
        var offsets = new List<uint>();
        var fragments = new List<DicomFragment>();
        long position = 0, nativeBytes = 0, encodedBytes = 0;
        foreach (var frame in frames)
        {
            var encoded = codec.Encode(target, frame, info, parameters);
            offsets.Add((uint)position);
            fragments.Add(new DicomFragment(encoded));
            position += 8 + encoded.Length + (encoded.Length & 1);
            nativeBytes += frame.Length;
            encodedBytes += encoded.Length;
        }
        var result = new DicomFragments(frames.Count > 1 ? offsets : null);
        foreach (var fragment in fragments) result.Add(fragment);
        dataset.Set(DicomTag.PixelData, result);
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
        if (codec is JpegCodec jpeg)
            dataset.Set(DicomTag.PhotometricInterpretation, jpeg.PhotometricAfterEncode(target, info.PhotometricInterpretation));
        if (codec is Jpeg2000Codec)
            dataset.Set(DicomTag.PhotometricInterpretation, Jpeg2000Codec.PhotometricAfterEncode(target, info, parameters));
        if (codec is Jpeg2000.HighThroughput.HtJpeg2000Codec)
            dataset.Set(DicomTag.PhotometricInterpretation, Jpeg2000.HighThroughput.HtJpeg2000Codec.PhotometricAfterEncode(target, info, parameters));
        if (info.SamplesPerPixel > 1) dataset.Set(DicomTag.PlanarConfiguration, (ushort)0);
        // JPEG-LS Near-Lossless with NEAR 0 and JPEG 2000 / HTJ2K without a compression ratio are lossless
        // streams under a lossy-capable syntax.
        var lossy = target.IsLossy
            && (target.Uid.Value != "1.2.840.10008.1.2.4.81" || parameters.NearLossless != 0)
            && (target.Uid.Value is not ("1.2.840.10008.1.2.4.91" or "1.2.840.10008.1.2.4.203") || parameters.CompressionRatio > 0);
        if (lossy) MarkLossy(dataset, target, nativeBytes, encodedBytes);
    }

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
