using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Serialization;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>Test instances for the client tools (two patients, studies, series, distinct pixels) and the file-by-file check of what came back.</summary>
internal static class ClientStudies
{
    /// <summary>
    /// Writes <paramref name="perSeries"/> CT instances in each of two series of each of the studies
    /// "ROOT.1" (patient P1) and "ROOT.2" (patient P2) under <paramref name="folder"/>; returns the paths.
    /// </summary>
    public static List<string> Write(string folder, string root, int perSeries = 2)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var study = 1; study <= 2; study++)
            for (var series = 1; series <= 2; series++)
                for (var image = 1; image <= perSeries; image++)
                {
                    var ds = Instance(root, study, series, image);
                    var path = Path.Combine(folder, $"s{study}-{series}-{image}.dcm");
                    new DicomFile(ds).Save(path);
                    paths.Add(path);
                }
        return paths;
    }

    public static DicomDataset Instance(string root, int study, int series, int image)
    {
        var studyUid = $"{root}.{study}";
        var ds = new DicomDataset()
            .Set(DicomTag.SpecificCharacterSet, "ISO_IR 100")
            .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value)
            .Set(DicomTag.SOPInstanceUID, $"{studyUid}.{series}.{image}")
            .Set(DicomTag.StudyInstanceUID, studyUid)
            .Set(DicomTag.SeriesInstanceUID, $"{studyUid}.{series}")
            .Set(DicomTag.PatientID, $"P{study}")
            .Set(DicomTag.PatientName, study == 1 ? "Müller^Anna" : "Client^Bob")
            .Set(DicomTag.PatientBirthDate, "19700101")
            .Set(DicomTag.PatientSex, study == 1 ? "F" : "M")
            .Set(DicomTag.StudyDate, $"2025010{study}")
            .Set(DicomTag.StudyTime, "101112")
            .Set(DicomTag.AccessionNumber, $"ACC{study}")
            .Set(DicomTag.StudyID, $"S{study}")
            .Set(DicomTag.StudyDescription, $"Study {study}")
            .SetEmpty(DicomTag.ReferringPhysicianName)
            .Set(DicomTag.Modality, "CT")
            .Set(DicomTag.SeriesNumber, series)
            .Set(DicomTag.InstanceNumber, image)
            .Set(DicomTag.SamplesPerPixel, (ushort)1)
            .Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)8)
            .Set(DicomTag.Columns, (ushort)8)
            .Set(DicomTag.BitsAllocated, (ushort)16)
            .Set(DicomTag.BitsStored, (ushort)12)
            .Set(DicomTag.HighBit, (ushort)11)
            .Set(DicomTag.PixelRepresentation, (ushort)0);
        var pixels = new ushort[64];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (ushort)((i * 37 + study * 1000 + series * 100 + image) & 0x0FFF);
        ds.Set(DicomTag.PixelData, DicomVR.OW, pixels);
        return ds;
    }

    /// <summary>
    /// Asserts that <paramref name="received"/> holds exactly the instances of <paramref name="expected"/>
    /// (matched by SOP Instance UID), each with the same data set value by value.
    /// </summary>
    public static void AssertSameInstances(IEnumerable<string> expected, IEnumerable<string> received, SameData.Leeway? leeway = null)
    {
        var sources = expected.Select(p => DicomFile.Open(p)).ToDictionary(f => f.Dataset.GetString(DicomTag.SOPInstanceUID)!);
        var got = received.Select(p => DicomFile.Open(p)).ToDictionary(f => f.Dataset.GetString(DicomTag.SOPInstanceUID)!);
        Assert.Equal(sources.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (uid, source) in sources) SameData.Assert(source.Dataset, got[uid].Dataset, uid, leeway);
    }

    /// <summary>The source files of one study (by its number in <see cref="Write"/>).</summary>
    public static IEnumerable<string> OfStudy(IEnumerable<string> paths, int study) =>
        paths.Where(p => Path.GetFileName(p).StartsWith($"s{study}-", StringComparison.Ordinal));
}
