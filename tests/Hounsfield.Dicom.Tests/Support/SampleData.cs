namespace Hounsfield.Dicom.Tests.Support;

/// <summary>Small data sets that exercise most of the encoder and decoder.</summary>
public static class SampleData
{
    public const string PrivateCreator = "HOUNSFIELD TEST";

    /// <summary>
    /// A CT-like data set with strings of every kind (odd lengths included), every binary numeric VR,
    /// a nested sequence, private elements and a small native pixel data element.
    /// </summary>
    public static DicomDataset Representative(int pixelBytes = 64)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.Set(DicomTag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.1.1");
        ds.Set(DicomTag.StudyDate, "20240229");
        ds.Set(DicomTag.StudyTime, "101112.5");
        ds.Set(DicomTag.AcquisitionDateTime, "20240229101112.123456+0100");
        ds.Set(DicomTag.Modality, "CT");
        ds.Set(DicomTag.Manufacturer, "Odd");
        ds.Set(DicomTag.InstitutionName, "Hôpital Général");
        ds.Set(DicomTag.StudyDescription, "Chest  ");
        ds.Set(DicomTag.PatientName, "Doe^Jane^Q^Dr^III");
        ds.Set(DicomTag.PatientID, "ID-1");
        ds.Set(DicomTag.PatientAge, "042Y");
        ds.Set(DicomTag.PatientComments, "  leading spaces kept\\backslash kept");
        ds.Set(DicomTag.SliceThickness, 1.25);
        ds.Set(DicomTag.InstanceNumber, 7);
        ds.Set(DicomTag.ImagePositionPatient, -125.5, 0.25, 1e-3);
        ds.Set(DicomTag.Rows, (ushort)4);
        ds.Set(DicomTag.Columns, (ushort)8);
        ds.Set(DicomTag.BitsAllocated, (ushort)16);
        ds.Set(DicomTag.PixelRepresentation, (ushort)1);
        ds.Set(DicomTag.SmallestImagePixelValue, DicomVR.SS, (short)-1024);
        ds.Set(DicomTag.RescaleIntercept, -1024);
        ds.Set(DicomTag.FrameIncrementPointer, DicomTag.FrameTime, DicomTag.SliceLocation);
        ds.Set(new DicomTag(0x0019, 0x0010), DicomVR.LO, PrivateCreator);
        ds.Set(new DicomTag(0x0019, 0x1001), DicomVR.UL, 0xDEADBEEFu, 1u);
        ds.Set(new DicomTag(0x0019, 0x1002), DicomVR.SL, -5, int.MinValue);
        ds.Set(new DicomTag(0x0019, 0x1003), DicomVR.FL, 1.5f, float.NegativeInfinity);
        ds.Set(new DicomTag(0x0019, 0x1004), DicomVR.FD, Math.PI, -0.0);
        ds.Set(new DicomTag(0x0019, 0x1005), DicomVR.SV, long.MinValue, 42L);
        ds.Set(new DicomTag(0x0019, 0x1006), DicomVR.UV, ulong.MaxValue, 1UL);
        ds.SetBytes(new DicomTag(0x0019, 0x1007), DicomVR.UN, [1, 2, 3, 4, 5, 0xFF]);
        ds.SetBytes(new DicomTag(0x0019, 0x1008), DicomVR.OB, [9, 8, 7, 6]);
        ds.Set(new DicomTag(0x0019, 0x1009), DicomVR.OF, 1f, 2f);
        ds.Set(new DicomTag(0x0019, 0x100A), DicomVR.OD, 3.0);
        ds.Set(new DicomTag(0x0019, 0x100B), DicomVR.OL, 0x01020304u);
        ds.Set(new DicomTag(0x0019, 0x100C), DicomVR.OV, 0x0102030405060708UL);
        ds.Set(new DicomTag(0x0019, 0x100D), DicomVR.US, (ushort)65535);
        ds.Set(new DicomTag(0x0019, 0x100E), DicomVR.UT, "unlimited text ");
        var item = new DicomDataset();
        item.Set(DicomTag.CodeValue, "113691");
        item.Set(DicomTag.CodingSchemeDesignator, "DCM");
        item.Set(DicomTag.CodeMeaning, "IHE Protocol");
        var inner = new DicomDataset().Set(DicomTag.CodeValue, "X").Set(DicomTag.CodeMeaning, "nested");
        item.SetSequence(DicomTag.ConceptNameCodeSequence, inner);
        ds.SetSequence(DicomTag.ProcedureCodeSequence, item, new DicomDataset().Set(DicomTag.CodeValue, "2"));
        ds.SetSequence(DicomTag.ReferencedImageSequence);
        var pixels = new byte[pixelBytes];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 + 1);
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        return ds;
    }

    /// <summary>A sequence chain nested <paramref name="depth"/> levels deep, one string element per level.</summary>
    public static DicomDataset Nested(int depth)
    {
        var root = new DicomDataset().Set(DicomTag.PatientID, "root");
        var current = root;
        for (var level = 1; level <= depth; level++)
        {
            var child = new DicomDataset().Set(DicomTag.CodeValue, $"L{level}").Set(DicomTag.CodeMeaning, $"level {level}");
            current.SetSequence(DicomTag.ContentSequence, child, new DicomDataset().Set(DicomTag.CodeValue, $"S{level}"));
            current = child;
        }
        return root;
    }

    /// <summary>Bytes of a whole Part 10 file.</summary>
    public static byte[] FileBytes(DicomDataset ds, DicomTransferSyntax ts, DicomWriteOptions? options = null)
    {
        var ms = new MemoryStream();
        new DicomFile(ds, ts).Save(ms, ts, options);
        return ms.ToArray();
    }

    /// <summary>
    /// Encapsulated (JPEG Baseline labelled) pixel data: <paramref name="frames"/> frames, each split into
    /// <paramref name="fragmentsPerFrame"/> fragments whose bytes identify frame and fragment.
    /// </summary>
    public static (DicomDataset Dataset, byte[][] Frames) Encapsulated(int frames, int fragmentsPerFrame, bool basicOffsetTable)
    {
        var fragments = new DicomFragments();
        var frameBytes = new byte[frames][];
        var offsets = new List<uint>();
        uint position = 0;
        for (var f = 0; f < frames; f++)
        {
            offsets.Add(position);
            var whole = new List<byte>();
            for (var p = 0; p < fragmentsPerFrame; p++)
            {
                var length = 10 + 2 * f + 4 * p;
                var bytes = new byte[length];
                for (var i = 0; i < length; i++) bytes[i] = (byte)(f * 16 + p + i * 3);
                if (p == 0) { bytes[0] = 0xFF; bytes[1] = 0xD8; }
                else if (bytes[0] == 0xFF) bytes[0] = 0xFE;
                whole.AddRange(bytes);
                fragments.Add(new DicomFragment(bytes));
                position += (uint)(8 + length);
            }
            frameBytes[f] = [.. whole];
        }
        if (basicOffsetTable) fragments.BasicOffsetTable = offsets;
        var ds = new DicomDataset();
        ds.Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, "1.2.3.4.5");
        ds.Set(DicomTag.NumberOfFrames, frames);
        ds.Set(DicomTag.PixelData, fragments);
        return (ds, frameBytes);
    }
}
