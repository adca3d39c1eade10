using Hounsfield.Interop.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>
/// Helpers for JPEG interop with DCMTK: run a tool (TCP_NODELAY=1, stopped only through its own
/// process handle; a missing tool fails the test), write native or encapsulated files with our
/// writer, read a frame back.
/// </summary>
internal static class JpegDcmtk
{
    /// <summary>Runs a DCMTK tool to completion; a missing tool, a timeout or a non-zero exit fails the test.</summary>
    public static void Run(string tool, params string[] args) => PeerTool.Run(tool, args).EnsureSuccess();

    public static DicomDataset Image(FrameInfo info)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.SeriesInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.Modality, "OT");
        ds.Set(DicomTag.PatientName, "Jpeg^Interop");
        ds.Set(DicomTag.Rows, (ushort)info.Rows).Set(DicomTag.Columns, (ushort)info.Columns);
        ds.Set(DicomTag.SamplesPerPixel, (ushort)info.SamplesPerPixel);
        ds.Set(DicomTag.PhotometricInterpretation, info.PhotometricInterpretation);
        if (info.SamplesPerPixel > 1) ds.Set(DicomTag.PlanarConfiguration, (ushort)info.PlanarConfiguration);
        ds.Set(DicomTag.BitsAllocated, (ushort)info.BitsAllocated);
        ds.Set(DicomTag.BitsStored, (ushort)info.BitsStored);
        ds.Set(DicomTag.HighBit, (ushort)(info.BitsStored - 1));
        ds.Set(DicomTag.PixelRepresentation, (ushort)(info.IsSigned ? 1 : 0));
        return ds;
    }

    public static void WriteNative(string path, FrameInfo info, byte[] native)
    {
        var ds = Image(info);
        ds.SetBytes(DicomTag.PixelData, info.BitsAllocated == 8 ? DicomVR.OB : DicomVR.OW, native);
        new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
    }

    public static void WriteEncapsulated(string path, FrameInfo info, DicomTransferSyntax syntax, byte[] encoded)
    {
        var ds = Image(info);
        var fragments = new DicomFragments();
        fragments.Add(new DicomFragment(encoded.Length % 2 == 0 ? encoded : [.. encoded, 0]));
        ds.Set(DicomTag.PixelData, fragments);
        if (syntax.IsLossy)
        {
            ds.Set(DicomTag.LossyImageCompression, "01");
        }
        new DicomFile(ds, syntax).Save(path);
    }

    public static (DicomFile File, FrameInfo Info, byte[] Frame) Read(string path)
    {
        var file = DicomFile.Open(path);
        var info = FrameInfo.From(file.Dataset);
        return (file, info, new DicomPixelData(file.Dataset).GetFrame(0));
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hounsfield-jpeg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Largest absolute sample difference between two native frames.</summary>
    public static int MaxDiff(byte[] a, byte[] b, int bitsAllocated)
    {
        var max = 0;
        for (var i = 0; i < a.Length; i += bitsAllocated / 8)
        {
            int x = bitsAllocated == 8 ? a[i] : a[i] | a[i + 1] << 8;
            int y = bitsAllocated == 8 ? b[i] : b[i] | b[i + 1] << 8;
            max = Math.Max(max, Math.Abs(x - y));
        }
        return max;
    }
}
