using System.Text.RegularExpressions;
using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Network;

/// <summary>Instances made by our writer for the network interop tests, and dcmdump comparisons.</summary>
internal static class InteropInstances
{
    public const string CT = "1.2.840.10008.5.1.4.1.1.2";
    public const string RleLossless = "1.2.840.10008.1.2.5";

    /// <summary>A small CT image: 8 × 6 × 16 bits, Latin-1 text, a sequence.</summary>
    public static DicomDataset Ct(string? instanceUid = null)
    {
        var ds = new DicomDataset()
            .Set(DicomTag.SpecificCharacterSet, "ISO_IR 100")
            .Set(DicomTag.SOPClassUID, CT)
            .Set(DicomTag.SOPInstanceUID, instanceUid ?? DicomUid.Generate().Value)
            .Set(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.1")
            .Set(DicomTag.SeriesInstanceUID, "1.2.826.0.1.3680043.2.1125.2")
            .Set(DicomTag.Modality, "CT")
            .Set(DicomTag.PatientName, "Müller^Jürgen")
            .Set(DicomTag.PatientID, "PID-42")
            .Set(DicomTag.StudyDate, "20240229")
            .Set(DicomTag.SliceThickness, 1.25)
            .Set(DicomTag.ImagePositionPatient, -125.0, -130.5, 42.0)
            .Set(DicomTag.SamplesPerPixel, (ushort)1)
            .Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)6)
            .Set(DicomTag.Columns, (ushort)8)
            .Set(DicomTag.BitsAllocated, (ushort)16)
            .Set(DicomTag.BitsStored, (ushort)12)
            .Set(DicomTag.HighBit, (ushort)11)
            .Set(DicomTag.PixelRepresentation, (ushort)0);
        ds.SetSequence(DicomTag.ReferencedImageSequence,
            new DicomDataset().Set(DicomTag.ReferencedSOPClassUID, CT).Set(DicomTag.ReferencedSOPInstanceUID, "1.2.3.4"));
        var pixels = new byte[6 * 8 * 2];
        for (var i = 0; i < pixels.Length; i += 2)
        {
            pixels[i] = (byte)(i * 7);
            pixels[i + 1] = (byte)(i / 2 & 0x0F);
        }
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        return ds;
    }

    /// <summary>The same image as RLE Lossless with two opaque fragments (the network does not decode them).</summary>
    public static DicomDataset Encapsulated(string? instanceUid = null)
    {
        var ds = Ct(instanceUid);
        ds.Remove(DicomTag.PixelData);
        var fragments = new DicomFragments();
        fragments.Add(new DicomFragment(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray()));
        fragments.Add(new DicomFragment(Enumerable.Range(0, 38).Select(i => (byte)(255 - i)).ToArray()));
        ds.Set(DicomTag.PixelData, fragments);
        return ds;
    }

    /// <summary>Writes an instance in <paramref name="syntax"/> into <paramref name="folder"/>; returns the opened file.</summary>
    public static DicomFile Save(string folder, DicomTransferSyntax syntax)
    {
        var path = Path.Combine(folder, $"{syntax.Uid.Value}-{Guid.NewGuid():N}.dcm");
        new DicomFile(syntax.IsEncapsulated ? Encapsulated() : Ct()).Save(path, syntax);
        return DicomFile.Open(path);
    }

    /// <summary>The encoded data set of a Part 10 file: everything after the File Meta Information.</summary>
    public static byte[] DatasetBytes(string path)
    {
        var file = DicomFile.Open(path);
        return File.ReadAllBytes(path)[(int)file.DatasetOffset..];
    }

    /// <summary>
    /// dcmdump's view of the data set (all values printed in full), without the meta information
    /// and the "Used TransferSyntax" line: what DCMTK sees as the content.
    /// </summary>
    public static async Task<string[]> DumpDatasetAsync(string path)
    {
        var (exit, output) = await DcmtkProcess.RunAsync(InteropNetwork.ToolTimeout, "dcmdump", "+L", path);
        Assert.True(exit == 0, $"dcmdump {path} exited {exit}:\n{output}");
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no data set in the dump of {path}:\n{output}");
        return [.. lines.Skip(start + 1).Where(l => l.Length > 0 && !l.StartsWith("# Used TransferSyntax", StringComparison.Ordinal))];
    }

    /// <summary>
    /// <see cref="DumpDatasetAsync"/> with sequences and items told apart from how their length is
    /// encoded: storescu re-encodes every sequence with explicit lengths before sending (it has no
    /// option to keep undefined lengths), which PS3.5 §7.5 makes equivalent.
    /// </summary>
    public static async Task<string[]> DumpDatasetIgnoringSequenceLengthsAsync(string path) =>
        [.. (await DumpDatasetAsync(path)).Select(NormalizeSequenceLine).Where(l => l.Length > 0)];

    private static string NormalizeSequenceLine(string line)
    {
        var tag = Regex.Match(line, @"^(\s*)\(([0-9a-f]{4},[0-9a-f]{4})\) (SQ|na) ");
        if (!tag.Success) return line;
        // Delimitation items exist only with undefined lengths (dcmdump shows them "for re-encoding" otherwise).
        if (tag.Groups[2].Value is "fffe,e00d" or "fffe,e0dd") return "";
        var rest = line[tag.Length..];
        rest = Regex.Replace(rest, @" with (explicit|undefined) length", "");
        rest = Regex.Replace(rest, @"#\s*(u/l|\d+),", "#,");
        rest = Regex.Replace(rest, @"\s+", " ");
        return tag.Value + rest;
    }

    /// <summary>The transfer syntax line of dcmdump's meta information ("UI =LittleEndianExplicit" etc.).</summary>
    public static async Task<string> DumpTransferSyntaxAsync(string path)
    {
        var (_, output) = await DcmtkProcess.RunAsync(InteropNetwork.ToolTimeout, "dcmdump", path);
        return output.Split('\n').First(l => l.Contains("(0002,0010)", StringComparison.Ordinal)).Trim();
    }
}
