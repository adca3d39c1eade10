namespace Hounsfield.Dicom.Codecs;

/// <summary>
/// The geometry and sample format of one frame, from the Image Pixel module (PS3.3 C.7.6.3). Native
/// (uncompressed) frames are what Pixel Data would hold for that frame: samples of
/// <see cref="BitsAllocated"/> bits, little endian, colour samples interleaved when
/// <see cref="PlanarConfiguration"/> is 0 and one plane after another when it is 1.
/// </summary>
public sealed record FrameInfo(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    bool IsSigned,
    int PlanarConfiguration,
    string PhotometricInterpretation)
{
    /// <summary>Bytes of one native frame.</summary>
    public long NativeFrameLength => (long)Rows * Columns * SamplesPerPixel * (BitsAllocated / 8);

    /// <summary>The frame description of <paramref name="dataset"/>'s Image Pixel module.</summary>
    /// <exception cref="DicomFormatException">Rows, Columns or Bits Allocated is missing or zero.</exception>
    public static FrameInfo From(DicomDataset dataset)
    {
        var rows = dataset.GetValueOrDefault<int>(DicomTag.Rows, 0, 0);
        var columns = dataset.GetValueOrDefault<int>(DicomTag.Columns, 0, 0);
        var bitsAllocated = dataset.GetValueOrDefault<int>(DicomTag.BitsAllocated, 0, 0);
        if (rows <= 0 || columns <= 0 || bitsAllocated <= 0)
            throw new DicomFormatException($"the Image Pixel module is incomplete: Rows {rows}, Columns {columns}, Bits Allocated {bitsAllocated}");
        return new FrameInfo(
            rows,
            columns,
            dataset.GetValueOrDefault(DicomTag.SamplesPerPixel, 0, 1),
            bitsAllocated,
            dataset.GetValueOrDefault(DicomTag.BitsStored, 0, bitsAllocated),
            dataset.GetValueOrDefault(DicomTag.PixelRepresentation, 0, 0) == 1,
            dataset.GetValueOrDefault(DicomTag.PlanarConfiguration, 0, 0),
            dataset.GetString(DicomTag.PhotometricInterpretation) ?? "MONOCHROME2");
    }
}
