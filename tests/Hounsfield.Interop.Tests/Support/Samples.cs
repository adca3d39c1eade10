using Hounsfield.Dicom;

namespace Hounsfield.Interop.Tests.Support;

public static class Samples
{
    /// <summary>A dcmdump-format text with strings of every VR, every binary VR, private elements and nested sequences.</summary>
    public const string DumpText = """
        (0008,0005) CS [ISO_IR 100]
        (0008,0008) CS [ORIGINAL\PRIMARY\AXIAL]
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
        (0008,0018) UI [1.2.826.0.1.3680043.2.1125.99.1]
        (0008,0020) DA [20240229]
        (0008,0030) TM [101112.5]
        (0008,002a) DT [20240229101112.123456+0100]
        (0008,0060) CS [OT]
        (0008,0064) CS [WSD]
        (0008,0080) LO [Hôpital]
        (0010,0010) PN [Doe^John^^Dr]
        (0010,0020) LO [ODD]
        (0010,1010) AS [042Y]
        (0010,4000) LT [  leading spaces\and a backslash]
        (0018,0050) DS [1.25]
        (0020,0013) IS [7]
        (0020,0032) DS [-125.5\0.25\1e-3]
        (0028,0009) AT (0018,1063)\(0018,1065)
        (0009,0010) LO [HOUNSFIELD TEST]
        (0009,1001) UL 3735928559\1
        (0009,1002) SL -5\-2147483648
        (0009,1003) FL 1.5\-0.25
        (0009,1004) FD 3.141592653589793\-1e-300
        (0009,1005) SV -9223372036854775808\42
        (0009,1006) UV 18446744073709551615
        (0009,1007) OB 01\02\03\ff
        (0009,1008) OW 0102\fffe
        (0009,1009) OF 1\2.5
        (0009,100a) OD 3.5
        (0009,100b) OL 16909060
        (0009,100c) OV 72623859790382856
        (0009,100d) US 65535
        (0009,100e) SS -32768
        (0009,100f) UT [unlimited text]
        (0009,1010) UC [uc value\two]
        (0009,1011) UR [http://example.com/x]
        (0009,1012) UN 01\02\03\04
        (0009,1013) ST [short text]
        (0009,1014) SH [odd]
        (0009,1015) AE [AETITLE]
        (0008,1032) SQ (Sequence with undefined length #=2)
          (fffe,e000) na (Item with undefined length #=2)
            (0008,0100) SH [CODE]
            (0040,a043) SQ (Sequence with undefined length #=1)
              (fffe,e000) na (Item with undefined length #=1)
                (0008,0104) LO [inner]
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
          (fffe,e00d) na (ItemDelimitationItem)
          (fffe,e000) na (Item with undefined length #=1)
            (0008,0100) SH [TWO]
          (fffe,e00d) na (ItemDelimitationItem)
        (fffe,e0dd) na (SequenceDelimitationItem)
        (0028,0002) US 1
        (0028,0004) CS [MONOCHROME2]
        (0028,0010) US 2
        (0028,0011) US 2
        (0028,0100) US 16
        (0028,0101) US 16
        (0028,0102) US 15
        (0028,0103) US 1
        (0028,0106) SS -100
        (7fe0,0010) OW 0001\0002\fffd\8000
        """;

    /// <summary>A data set with sequences, private elements, odd-length strings and every binary VR, built with our API.</summary>
    public static DicomDataset Rich()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.Set(DicomTag.ImageType, "DERIVED", "SECONDARY");
        ds.Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.99.2");
        ds.Set(DicomTag.StudyDate, new DateOnly(2024, 2, 29));
        ds.Set(DicomTag.StudyTime, "1011");
        ds.Set(DicomTag.Modality, "OT");
        ds.Set(DicomTag.Manufacturer, "Odd");                       // odd length: padded by the writer
        ds.Set(DicomTag.InstitutionName, "Hôpital Général");
        ds.Set(DicomTag.PatientName, "Doe^Jane");
        ds.Set(DicomTag.PatientID, "ABC");
        ds.Set(DicomTag.PatientComments, "  leading\\backslash");
        ds.Set(DicomTag.SliceThickness, 1.25);
        ds.Set(DicomTag.ImagePositionPatient, -125.5, 0.25, 0.001);
        ds.Set(DicomTag.FrameIncrementPointer, DicomTag.FrameTime);
        ds.Set(new DicomTag(0x0009, 0x0010), DicomVR.LO, "HOUNSFIELD TEST");
        ds.Set(new DicomTag(0x0009, 0x1001), DicomVR.UL, 0xDEADBEEFu, 1u);
        ds.Set(new DicomTag(0x0009, 0x1002), DicomVR.SL, -5, int.MinValue);
        ds.Set(new DicomTag(0x0009, 0x1003), DicomVR.FL, 1.5f, -0.25f);
        ds.Set(new DicomTag(0x0009, 0x1004), DicomVR.FD, Math.PI);
        ds.Set(new DicomTag(0x0009, 0x1005), DicomVR.SV, long.MinValue, 42L);
        ds.Set(new DicomTag(0x0009, 0x1006), DicomVR.UV, ulong.MaxValue);
        ds.SetBytes(new DicomTag(0x0009, 0x1007), DicomVR.OB, [1, 2, 3]);  // odd: NUL-padded
        ds.Set(new DicomTag(0x0009, 0x1008), DicomVR.OW, (ushort)0x0102, (ushort)0xFFFE);
        ds.Set(new DicomTag(0x0009, 0x1009), DicomVR.OF, 1f, 2.5f);
        ds.Set(new DicomTag(0x0009, 0x100A), DicomVR.OD, 3.5);
        ds.Set(new DicomTag(0x0009, 0x100B), DicomVR.OL, 16909060u);
        ds.Set(new DicomTag(0x0009, 0x100C), DicomVR.OV, 72623859790382856UL);
        ds.Set(new DicomTag(0x0009, 0x100D), DicomVR.SS, (short)-32768);
        ds.Set(new DicomTag(0x0009, 0x100E), DicomVR.UT, "unlimited text");
        ds.Set(new DicomTag(0x0009, 0x100F), DicomVR.SH, "odd");
        var inner = new DicomDataset().Set(DicomTag.CodeMeaning, "inner");
        var item = new DicomDataset().Set(DicomTag.CodeValue, "CODE");
        item.SetSequence(DicomTag.ConceptNameCodeSequence, inner);
        ds.SetSequence(DicomTag.ProcedureCodeSequence, item, new DicomDataset().Set(DicomTag.CodeValue, "TWO"));
        ds.SetSequence(DicomTag.ReferencedImageSequence);
        ds.Set(DicomTag.SamplesPerPixel, (ushort)1);
        ds.Set(DicomTag.PhotometricInterpretation, "MONOCHROME2");
        ds.Set(DicomTag.Rows, (ushort)2);
        ds.Set(DicomTag.Columns, (ushort)3);
        ds.Set(DicomTag.BitsAllocated, (ushort)16);
        ds.Set(DicomTag.BitsStored, (ushort)12);
        ds.Set(DicomTag.HighBit, (ushort)11);
        ds.Set(DicomTag.PixelRepresentation, (ushort)1);
        ds.Set(DicomTag.SmallestImagePixelValue, DicomVR.SS, (short)-100);
        ds.Set(DicomTag.PixelData, DicomVR.OW, (ushort)1, (ushort)2, (ushort)3, (ushort)0xFFFD, (ushort)0x8000, (ushort)0x07FF);
        return ds;
    }

    /// <summary>A complete CT Image IOD: every mandatory module with its Type 1 and Type 2 attributes.</summary>
    public static DicomDataset CTImage()
    {
        var study = "1.2.826.0.1.3680043.2.1125.99.10";
        var ds = new DicomDataset();
        // SOP Common
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, study + ".1.1");
        // General Study
        ds.Set(DicomTag.StudyInstanceUID, study);
        ds.Set(DicomTag.StudyDate, "20240229");
        ds.Set(DicomTag.StudyTime, "101112");
        ds.SetEmpty(DicomTag.ReferringPhysicianName);
        ds.Set(DicomTag.StudyID, "S1");
        ds.Set(DicomTag.AccessionNumber, "A1");
        // Patient
        ds.Set(DicomTag.PatientName, "Doe^Jane");
        ds.Set(DicomTag.PatientID, "P1");
        ds.Set(DicomTag.PatientBirthDate, "19700101");
        ds.Set(DicomTag.PatientSex, "F");
        // General Series
        ds.Set(DicomTag.Modality, "CT");
        ds.Set(DicomTag.SeriesInstanceUID, study + ".1");
        ds.Set(DicomTag.SeriesNumber, 1);
        ds.SetEmpty(DicomTag.Laterality);
        ds.Set(DicomTag.PatientPosition, "HFS");
        // Frame of Reference
        ds.Set(DicomTag.FrameOfReferenceUID, study + ".2");
        ds.SetEmpty(DicomTag.PositionReferenceIndicator);
        // General Equipment
        ds.Set(DicomTag.Manufacturer, "Hounsfield");
        // General Image
        ds.Set(DicomTag.InstanceNumber, 1);
        ds.Set(DicomTag.PatientOrientation, "L", "P");
        ds.Set(DicomTag.ContentDate, "20240229");
        ds.Set(DicomTag.ContentTime, "101112");
        // Image Plane
        ds.Set(DicomTag.PixelSpacing, 0.5, 0.5);
        ds.Set(DicomTag.ImageOrientationPatient, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
        ds.Set(DicomTag.ImagePositionPatient, -100.0, -100.0, 50.0);
        ds.Set(DicomTag.SliceThickness, 1.0);
        ds.Set(DicomTag.SliceLocation, 50.0);
        // Image Pixel + CT Image
        ds.Set(DicomTag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.Set(DicomTag.SamplesPerPixel, (ushort)1);
        ds.Set(DicomTag.PhotometricInterpretation, "MONOCHROME2");
        ds.Set(DicomTag.Rows, (ushort)4);
        ds.Set(DicomTag.Columns, (ushort)4);
        ds.Set(DicomTag.BitsAllocated, (ushort)16);
        ds.Set(DicomTag.BitsStored, (ushort)16);
        ds.Set(DicomTag.HighBit, (ushort)15);
        ds.Set(DicomTag.PixelRepresentation, (ushort)1);
        ds.Set(DicomTag.RescaleIntercept, -1024);
        ds.Set(DicomTag.RescaleSlope, 1);
        ds.Set(DicomTag.RescaleType, "HU");
        ds.Set(DicomTag.KVP, 120);
        ds.SetEmpty(DicomTag.AcquisitionNumber);
        var pixels = new short[16];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (short)(i * 100 - 1000);
        ds.Set(DicomTag.PixelData, DicomVR.OW, pixels.Select(p => unchecked((ushort)p)).ToArray());
        return ds;
    }

    /// <summary>A 24-bit bottom-up BMP of <paramref name="width"/> x <paramref name="height"/>, and its pixels as top-down RGB.</summary>
    public static (byte[] Bmp, byte[] Rgb) Bitmap(int width, int height)
    {
        var rowSize = (width * 3 + 3) / 4 * 4;
        var pixelBytes = rowSize * height;
        var bmp = new byte[54 + pixelBytes];
        void U16(int at, int v) => BitConverter.TryWriteBytes(bmp.AsSpan(at), (ushort)v);
        void U32(int at, int v) => BitConverter.TryWriteBytes(bmp.AsSpan(at), v);
        bmp[0] = (byte)'B'; bmp[1] = (byte)'M';
        U32(2, bmp.Length); U32(10, 54); U32(14, 40); U32(18, width); U32(22, height);
        U16(26, 1); U16(28, 24); U32(30, 0); U32(34, pixelBytes); U32(38, 2835); U32(42, 2835);
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                byte r = (byte)(x * 40 + 10), g = (byte)(y * 60 + 20), b = (byte)(x * y + 5);
                var top = (y * width + x) * 3;
                rgb[top] = r; rgb[top + 1] = g; rgb[top + 2] = b;
                var at = 54 + (height - 1 - y) * rowSize + x * 3;
                bmp[at] = b; bmp[at + 1] = g; bmp[at + 2] = r;
            }
        return (bmp, rgb);
    }

    /// <summary>
    /// A native multi-frame CT of 12 bits stored in 16, <paramref name="value"/> giving each pixel from its
    /// index over all frames (the transcoding tests' input).
    /// </summary>
    public static DicomDataset MultiFrameCt12(int rows, int columns, int frames, Func<int, int> value)
    {
        var pixels = new byte[rows * columns * 2 * frames];
        for (var i = 0; i < pixels.Length / 2; i++)
        {
            var v = value(i);
            pixels[2 * i] = (byte)v;
            pixels[2 * i + 1] = (byte)(v >> 8 & 0x0F);
        }
        return new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value)
            .Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value).Set(DicomTag.SeriesInstanceUID, DicomUid.Generate().Value)
            .Set(DicomTag.SamplesPerPixel, (ushort)1).Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)rows).Set(DicomTag.Columns, (ushort)columns)
            .Set(DicomTag.BitsAllocated, (ushort)16).Set(DicomTag.BitsStored, (ushort)12).Set(DicomTag.HighBit, (ushort)11)
            .Set(DicomTag.PixelRepresentation, (ushort)0).Set(DicomTag.NumberOfFrames, frames)
            .SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
    }
}
