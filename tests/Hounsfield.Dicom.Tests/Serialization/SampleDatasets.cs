using System.Buffers.Binary;

namespace Hounsfield.Dicom.Tests.Serialization;

/// <summary>Data sets that exercise every VR, empty values, nesting and private elements.</summary>
internal static class SampleDatasets
{
    public const string Creator = "HOUNSFIELD TEST";

    /// <summary>One element of every VR, multi-values with empty entries, PN groups, nested and empty items, a private block.</summary>
    public static DicomDataset EveryVR()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        ds.Set(DicomTag.ImageType, "ORIGINAL", "", "AXIAL");                          // CS with an empty value
        ds.Set(DicomTag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");                      // UI
        ds.Set(DicomTag.StudyDate, "20240229");                                        // DA
        ds.Set(DicomTag.AcquisitionDateTime, "20240229123456.123456+0100");            // DT
        ds.Set(DicomTag.StudyTime, "235959.5");                                        // TM
        ds.Set(DicomTag.RetrieveAETitle, "STORESCP", "ARCHIVE");                       // AE
        ds.Set(DicomTag.AccessionNumber, "ACC\u00e9");                                 // SH, non-ASCII
        ds.Set(DicomTag.InstitutionName, "Universit\u00e4tsklinik", "", "\u6771\u4eac");  // LO
        ds.Set(DicomTag.ReferringPhysicianName, "Yamada^Tarou=\u5c71\u7530^\u592a\u90ce=\u3084\u307e\u3060^\u305f\u308d\u3046", "", "=\u738b^\u5c0f\u6771", "Smith^John^^Dr.^PhD");  // PN groups
        ds.Set(DicomTag.PatientName, "Doe^Jane");
        ds.Set(DicomTag.PatientAge, "042Y");                                           // AS
        ds.Set(DicomTag.AdditionalPatientHistory, "line one\r\nline two\\ with a backslash\ttab");  // LT
        ds.Set(DicomTag.ImageComments, "  leading spaces are kept in LT");             // LT
        ds.Set(DicomTag.SliceThickness, DicomVR.DS, "1.50");                           // DS as written
        ds.Set(DicomTag.ImagePositionPatient, DicomVR.DS, "-12.5", "+.5", "1e3", "-0", "0.0001"); // DS, some not JSON numbers
        ds.Set(DicomTag.InstanceNumber, DicomVR.IS, "+012");                           // IS, not a JSON number
        ds.Set(DicomTag.SeriesNumber, 7);                                              // IS
        ds.Set(DicomTag.Rows, (ushort)512);                                            // US
        ds.Set(DicomTag.Columns, DicomVR.US, (ushort)0, (ushort)65535);
        ds.Set(DicomTag.PixelPaddingValue, DicomVR.SS, (short)-2000);                  // SS
        ds.Set(DicomTag.DimensionIndexPointer, DicomTag.ImagePositionPatient, DicomTag.PixelData); // AT
        ds.Set(DicomTag.SimpleFrameList, 0u, uint.MaxValue);                              // UL
        ds.Set(DicomTag.DiffusionGradientOrientation, 1.5, -2.25, 1e-300);              // FD
        ds.Set(DicomTag.RetrieveURL, "https://pacs.example/studies/1.2.3?x=a&y=b");     // UR
        ds.Set(DicomTag.StrainAdditionalInformation, "unlimited \u00fc text, trailing kept");  // UT
        ds.SetBytes(DicomTag.EncapsulatedDocument, DicomVR.OB, [0x25, 0x50, 0x44, 0x46, 0x2D]); // OB, odd length
        ds.SetEmpty(DicomTag.PatientBirthDate);                                         // empty DA
        ds.SetEmpty(DicomTag.PatientSex);                                               // empty CS
        ds.SetEmpty(DicomTag.ReferencedStudySequence);                                  // empty SQ

        // Items are attached before their text is set, so that it is encoded in the inherited character set.
        var items = ds.SetSequence(DicomTag.ReferencedImageSequence, new DicomDataset(), new DicomDataset(), new DicomDataset());
        items[0].Set(DicomTag.ReferencedSOPInstanceUID, "1.2.3.4");
        var codes = items[0].SetSequence(DicomTag.ConceptNameCodeSequence, new DicomDataset(), new DicomDataset());
        codes[0].Set(DicomTag.CodeValue, "T-D1100").Set(DicomTag.CodeMeaning, "Head \u00e9");
        items[2].Set(DicomTag.ReferencedSOPInstanceUID, "1.2.3.5");

        // A private block holding the remaining VRs.
        var p = (byte e) => ds.GetPrivateTag(0x0011, Creator, e);
        ds.Set(p(0x01), DicomVR.FL, 1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.1f);
        ds.Set(p(0x02), DicomVR.FD, double.NaN, 3.141592653589793);
        ds.Set(p(0x03), DicomVR.SL, -5, int.MinValue, int.MaxValue);
        ds.Set(p(0x04), DicomVR.SV, 42L, long.MinValue, 9007199254740993L);
        ds.Set(p(0x05), DicomVR.UV, 42UL, ulong.MaxValue);
        ds.Set(p(0x06), DicomVR.UC, "one", "", "thr\u00e9e");
        ds.Set(p(0x07), DicomVR.ST, "short text");
        ds.SetBytes(p(0x08), DicomVR.OD, Doubles(1.0, -2.5));
        ds.SetBytes(p(0x09), DicomVR.OF, Floats(1.0f, -2.5f));
        ds.SetBytes(p(0x0A), DicomVR.OL, [1, 2, 3, 4, 5, 6, 7, 8]);
        ds.SetBytes(p(0x0B), DicomVR.OV, [1, 2, 3, 4, 5, 6, 7, 8]);
        ds.SetBytes(p(0x0C), DicomVR.OW, [1, 0, 2, 0, 0xFF, 0xFF]);
        ds.SetBytes(p(0x0D), DicomVR.UN, [0xDE, 0xAD, 0xBE, 0xEF]);
        ds.Set(p(0x0E), DicomVR.LO, "private \u00e0 la carte");
        ds.SetEmpty(p(0x0F), DicomVR.OB);
        var privateItem = ds.SetSequence(p(0x10), new DicomDataset())[0];
        privateItem.Set(privateItem.GetPrivateTag(0x0011, Creator, 0x20), DicomVR.SH, "nested private \u00e9");
        return ds;
    }

    private static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    private static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }
}
