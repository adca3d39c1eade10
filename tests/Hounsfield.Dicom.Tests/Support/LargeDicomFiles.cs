using System.Buffers.Binary;

namespace Hounsfield.Dicom.Tests.Support;

/// <summary>
/// Writes ~2 GiB multi-frame files cheaply: the header with our writer, then the Pixel Data
/// element's header, and the pixel bytes as a sparse extension of the file (FileStream.SetLength),
/// so nothing close to 2 GiB is written or read. Shared with Hounsfield.Interop.Tests.
/// </summary>
public static class LargeDicomFiles
{
    /// <summary>1024 frames of 1024×1024 16-bit pixels: 2 GiB of native Pixel Data.</summary>
    public const int NativeFrames = 1024;

    public const int NativeRows = 1024;

    public const long NativePixelBytes = (long)NativeFrames * NativeRows * NativeRows * 2;

    /// <summary>Frames (one fragment each) of the encapsulated variant.</summary>
    public const int EncapsulatedFrames = 20_000;

    /// <summary>Bytes per fragment: 20,000 of them make 2 GiB with their item headers.</summary>
    public const int FragmentLength = 107_366;

    /// <summary>
    /// An Enhanced MR Image with <see cref="NativeFrames"/> frames in Explicit VR Little Endian,
    /// with shared and per-frame functional groups (frame content and plane position per frame),
    /// and 2 GiB of native Pixel Data.
    /// </summary>
    public static string CreateNative(string folder)
    {
        var path = Path.Combine(folder, $"native-2gib-{Guid.NewGuid():N}.dcm");
        var ds = Header(NativeFrames, NativeRows, DicomUid.EnhancedMRImageStorage.Value);
        var perFrame = ds.SetSequence(DicomTag.PerFrameFunctionalGroupsSequence);
        for (var f = 0; f < NativeFrames; f++)
        {
            var item = new DicomDataset();
            item.SetSequence(DicomTag.FrameContentSequence, new DicomDataset()
                .Set(DicomTag.InStackPositionNumber, (uint)(f + 1))
                .Set(DicomTag.DimensionIndexValues, 1u, (uint)(f + 1)));
            item.SetSequence(DicomTag.PlanePositionSequence, new DicomDataset()
                .Set(DicomTag.ImagePositionPatient, -120.0, -130.5, -75.0 + f * 0.5));
            perFrame.Add(item);
        }
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        new DicomFile(ds).Save(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        Span<byte> header = stackalloc byte[12];
        WriteTag(header, 0x7FE00010);
        header[4] = (byte)'O';
        header[5] = (byte)'W';
        header[6] = header[7] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], checked((uint)NativePixelBytes));
        stream.Write(header);
        stream.SetLength(stream.Position + NativePixelBytes);
        return path;
    }

    /// <summary>
    /// The same header in JPEG 2000 (encapsulated): a Basic Offset Table of
    /// <see cref="EncapsulatedFrames"/> entries and as many fragments of <see cref="FragmentLength"/>
    /// bytes, whose item headers are written into a sparse file.
    /// </summary>
    public static string CreateEncapsulated(string folder)
    {
        var path = Path.Combine(folder, $"encapsulated-2gib-{Guid.NewGuid():N}.dcm");
        var ds = Header(EncapsulatedFrames, 512, DicomUid.EnhancedMRImageStorage.Value);
        long pixelStart;
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            new DicomFile(ds).Save(stream, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.90"));
            pixelStart = stream.Position;
        }
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        var table = new byte[12 + 8 + EncapsulatedFrames * 4];
        WriteTag(table, 0x7FE00010);
        table[4] = (byte)'O';
        table[5] = (byte)'B';
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(8), 0xFFFFFFFF);
        WriteItem(table.AsSpan(12), 0xFFFEE000, EncapsulatedFrames * 4u);
        for (var f = 0; f < EncapsulatedFrames; f++)
            BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(20 + f * 4), (uint)f * (8u + FragmentLength));
        RandomAccess.Write(handle, table, pixelStart);
        var position = pixelStart + table.Length;
        Span<byte> item = stackalloc byte[10];
        for (var f = 0; f < EncapsulatedFrames; f++)
        {
            WriteItem(item, 0xFFFEE000, FragmentLength);
            item[8] = 0xFF; // a JPEG 2000 SOC marker opens each frame
            item[9] = 0x4F;
            RandomAccess.Write(handle, item, position);
            position += 8 + FragmentLength;
        }
        WriteItem(item, 0xFFFEE0DD, 0);
        RandomAccess.Write(handle, item[..8], position);
        RandomAccess.SetLength(handle, position + 8);
        return path;
    }

    /// <summary>Deletes a file made here, ignoring a file that is already gone.</summary>
    public static void Delete(string? path)
    {
        if (path is not null && File.Exists(path)) File.Delete(path);
    }

    private static DicomDataset Header(int frames, int rows, string sopClass)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.Set(DicomTag.ImageType, "ORIGINAL", "PRIMARY", "M", "NONE");
        ds.Set(DicomTag.SOPClassUID, sopClass);
        ds.Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.StudyDate, new DateOnly(2024, 5, 2));
        ds.Set(DicomTag.Modality, "MR");
        ds.Set(DicomTag.Manufacturer, "Hounsfield Medical Systems");
        ds.Set(DicomTag.PatientName, "Large^Multiframe");
        ds.Set(DicomTag.PatientID, "LARGE-2GIB");
        ds.Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.SeriesInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.SeriesNumber, 1);
        ds.Set(DicomTag.InstanceNumber, 1);
        ds.Set(DicomTag.FrameOfReferenceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.NumberOfFrames, frames);
        ds.Set(DicomTag.SamplesPerPixel, (ushort)1);
        ds.Set(DicomTag.PhotometricInterpretation, "MONOCHROME2");
        ds.Set(DicomTag.Rows, (ushort)rows);
        ds.Set(DicomTag.Columns, (ushort)rows);
        ds.Set(DicomTag.BitsAllocated, (ushort)16);
        ds.Set(DicomTag.BitsStored, (ushort)12);
        ds.Set(DicomTag.HighBit, (ushort)11);
        ds.Set(DicomTag.PixelRepresentation, (ushort)0);
        var shared = new DicomDataset();
        shared.SetSequence(DicomTag.PixelMeasuresSequence, new DicomDataset()
            .Set(DicomTag.SliceThickness, 0.5)
            .Set(DicomTag.PixelSpacing, 0.25, 0.25));
        shared.SetSequence(DicomTag.PlaneOrientationSequence, new DicomDataset()
            .Set(DicomTag.ImageOrientationPatient, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0));
        ds.SetSequence(DicomTag.SharedFunctionalGroupsSequence, shared);
        return ds;
    }

    private static void WriteTag(Span<byte> destination, uint tag)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)(tag >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)tag);
    }

    private static void WriteItem(Span<byte> destination, uint tag, uint length)
    {
        WriteTag(destination, tag);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], length);
    }
}
