using Hounsfield.Dicom;

namespace Hounsfield.Benchmarks;

/// <summary>The files the benchmarks parse.</summary>
public enum Fixture
{
    /// <summary>A 512×512 16-bit CT slice with a realistic header (~140 elements).</summary>
    CT,

    /// <summary>A 50-frame Enhanced MR with shared and per-frame functional groups.</summary>
    MultiFrame,

    /// <summary>A Comprehensive SR whose content tree nests 6 levels deep (~500 content items).</summary>
    SR,
}

/// <summary>
/// Writes the benchmark fixtures with the public API into a temporary folder. The files are
/// deterministic (fixed UIDs, dates and pixel values), so every process of a run that writes or
/// reads them sees the same bytes.
/// </summary>
public static class Fixtures
{
    private const string UidRoot = "2.25.31415926535897932384626433832795";
    private static readonly Lock Gate = new();

    /// <summary>The folder the fixtures live in for this user.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), $"hounsfield-bench-{Environment.UserName}");

    /// <summary>Rewrites every fixture; run once by the host process before the benchmarks start.</summary>
    public static void Generate()
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Folder);
            foreach (var fixture in Enum.GetValues<Fixture>()) Write(fixture);
        }
    }

    /// <summary>The path of <paramref name="fixture"/>, writing it first when it is missing (e.g. in-process runs).</summary>
    public static string PathOf(Fixture fixture)
    {
        var path = Path.Combine(Folder, fixture + ".dcm");
        lock (Gate)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Folder);
                Write(fixture);
            }
        }
        return path;
    }

    private static void Write(Fixture fixture)
    {
        var file = fixture switch
        {
            Fixture.CT => CreateCT(),
            Fixture.MultiFrame => CreateEnhancedMR(),
            _ => CreateSR(),
        };
        file.Save(Path.Combine(Folder, fixture + ".dcm"), DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>
    /// Patient, General Study, Patient Study, General Series, Frame of Reference, General Equipment,
    /// General Image, Image Plane, Image Pixel, CT Image, VOI LUT and SOP Common modules, two private
    /// blocks, a Referenced Image Sequence and a procedure code with a nested modifier.
    /// </summary>
    public static DicomFile CreateCT()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.Set(DicomTag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.Set(DicomTag.InstanceCreationDate, new DateOnly(2024, 3, 14));
        ds.Set(DicomTag.InstanceCreationTime, new TimeOnly(9, 26, 53));
        ds.Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, Uid(1, 1, 42));
        ds.Set(DicomTag.StudyDate, new DateOnly(2024, 3, 14));
        ds.Set(DicomTag.SeriesDate, new DateOnly(2024, 3, 14));
        ds.Set(DicomTag.AcquisitionDate, new DateOnly(2024, 3, 14));
        ds.Set(DicomTag.ContentDate, new DateOnly(2024, 3, 14));
        ds.Set(DicomTag.StudyTime, new TimeOnly(9, 12, 3));
        ds.Set(DicomTag.SeriesTime, new TimeOnly(9, 20, 41));
        ds.Set(DicomTag.AcquisitionTime, new TimeOnly(9, 21, 7, 250));
        ds.Set(DicomTag.ContentTime, new TimeOnly(9, 21, 7, 250));
        ds.Set(DicomTag.AccessionNumber, "A20240314-0042");
        ds.Set(DicomTag.Modality, "CT");
        ds.Set(DicomTag.Manufacturer, "Hounsfield Medical Systems");
        ds.Set(DicomTag.InstitutionName, "St. Elsewhere General Hospital");
        ds.Set(DicomTag.InstitutionAddress, "1 Main Street, Springfield");
        ds.Set(DicomTag.ReferringPhysicianName, "Kildare^James^^Dr.");
        ds.Set(DicomTag.StationName, "CTSCAN01");
        ds.Set(DicomTag.StudyDescription, "CT CHEST ABDOMEN PELVIS W CONTRAST");
        var procedure = ds.SetSequence(DicomTag.ProcedureCodeSequence, Code("CTCAP", "LOCAL", "CT chest abdomen pelvis with contrast"));
        procedure[0].SetSequence(DicomTag.EquivalentCodeSequence, Code("24627-2", "LN", "CT Chest"));
        ds.Set(DicomTag.SeriesDescription, "AX 1.25mm SOFT TISSUE");
        ds.Set(DicomTag.InstitutionalDepartmentName, "Radiology");
        ds.Set(DicomTag.PerformingPhysicianName, "Ross^Doug");
        ds.Set(DicomTag.OperatorsName, "Hathaway^Carol");
        ds.Set(DicomTag.ManufacturerModelName, "Tomograph 9000");
        var referenced = ds.SetSequence(DicomTag.ReferencedImageSequence);
        for (var i = 0; i < 3; i++)
        {
            var item = new DicomDataset();
            item.Set(DicomTag.ReferencedSOPClassUID, DicomUid.CTImageStorage.Value);
            item.Set(DicomTag.ReferencedSOPInstanceUID, Uid(1, 0, i + 1));
            referenced.Add(item);
        }
        ds.Set(DicomTag.DerivationDescription, "Reconstructed from raw data");
        ds.Set(DicomTag.PatientName, "Doe^Jane^Q^^");
        ds.Set(DicomTag.PatientID, "PID-0012345");
        ds.Set(DicomTag.IssuerOfPatientID, "SEGH");
        ds.Set(DicomTag.PatientBirthDate, new DateOnly(1961, 7, 4));
        ds.Set(DicomTag.PatientSex, "F");
        ds.Set(DicomTag.OtherPatientIDs, "MRN-998877");
        ds.Set(DicomTag.PatientAge, "062Y");
        ds.Set(DicomTag.PatientSize, 1.68);
        ds.Set(DicomTag.PatientWeight, 64.5);
        ds.Set(DicomTag.EthnicGroup, "Unknown");
        ds.Set(DicomTag.PatientComments, "No known allergies");
        ds.Set(DicomTag.ContrastBolusAgent, "Omnipaque 350");
        ds.Set(DicomTag.ContrastBolusRoute, "IV");
        ds.Set(DicomTag.BodyPartExamined, "CHEST");
        ds.Set(DicomTag.ScanOptions, "HELICAL MODE");
        ds.Set(DicomTag.SliceThickness, 1.25);
        ds.Set(DicomTag.KVP, 120.0);
        ds.Set(DicomTag.DataCollectionDiameter, 500.0);
        ds.Set(DicomTag.DeviceSerialNumber, "SN-424242");
        ds.Set(DicomTag.SoftwareVersions, "HMS 4.2.1", "RECON 2.0");
        ds.Set(DicomTag.ProtocolName, "CAP_CONTRAST_V3");
        ds.Set(DicomTag.ReconstructionDiameter, 380.0);
        ds.Set(DicomTag.DistanceSourceToDetector, 946.74);
        ds.Set(DicomTag.DistanceSourceToPatient, 538.52);
        ds.Set(DicomTag.GantryDetectorTilt, 0.0);
        ds.Set(DicomTag.TableHeight, 142.5);
        ds.Set(DicomTag.RotationDirection, "CW");
        ds.Set(DicomTag.ExposureTime, 500);
        ds.Set(DicomTag.XRayTubeCurrent, 280);
        ds.Set(DicomTag.Exposure, 140);
        ds.Set(DicomTag.FilterType, "BODY FILTER");
        ds.Set(DicomTag.GeneratorPower, 34);
        ds.Set(DicomTag.FocalSpots, 1.2);
        ds.Set(DicomTag.ConvolutionKernel, "STANDARD");
        ds.Set(DicomTag.PatientPosition, "FFS");
        ds.Set(DicomTag.RevolutionTime, 0.5);
        ds.Set(DicomTag.SingleCollimationWidth, 0.625);
        ds.Set(DicomTag.TotalCollimationWidth, 40.0);
        ds.Set(DicomTag.TableSpeed, 78.75);
        ds.Set(DicomTag.TableFeedPerRotation, 39.375);
        ds.Set(DicomTag.SpiralPitchFactor, 0.984375);
        ds.Set(DicomTag.CTDIvol, 11.42);
        ds.Set(DicomTag.StudyInstanceUID, Uid(1, 2, 7));
        ds.Set(DicomTag.SeriesInstanceUID, Uid(1, 3, 3));
        ds.Set(DicomTag.StudyID, "4242");
        ds.Set(DicomTag.SeriesNumber, 3);
        ds.Set(DicomTag.AcquisitionNumber, 1);
        ds.Set(DicomTag.InstanceNumber, 42);
        ds.Set(DicomTag.ImagePositionPatient, -189.6289, -350.6289, -52.5);
        ds.Set(DicomTag.ImageOrientationPatient, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
        ds.Set(DicomTag.FrameOfReferenceUID, Uid(1, 4, 1));
        ds.Set(DicomTag.PositionReferenceIndicator, "SN");
        ds.Set(DicomTag.SliceLocation, -52.5);
        ds.Set(DicomTag.ImageComments, "Portal venous phase");
        ds.Set(DicomTag.SamplesPerPixel, (ushort)1);
        ds.Set(DicomTag.PhotometricInterpretation, "MONOCHROME2");
        ds.Set(DicomTag.Rows, (ushort)512);
        ds.Set(DicomTag.Columns, (ushort)512);
        ds.Set(DicomTag.PixelSpacing, 0.740234375, 0.740234375);
        ds.Set(DicomTag.BitsAllocated, (ushort)16);
        ds.Set(DicomTag.BitsStored, (ushort)12);
        ds.Set(DicomTag.HighBit, (ushort)11);
        ds.Set(DicomTag.PixelRepresentation, (ushort)0);
        ds.Set(DicomTag.SmallestImagePixelValue, (ushort)0);
        ds.Set(DicomTag.LargestImagePixelValue, (ushort)3171);
        ds.Set(DicomTag.WindowCenter, 40.0, 400.0);
        ds.Set(DicomTag.WindowWidth, 400.0, 1500.0);
        ds.Set(DicomTag.RescaleIntercept, -1024.0);
        ds.Set(DicomTag.RescaleSlope, 1.0);
        ds.Set(DicomTag.RescaleType, "HU");
        ds.Set(DicomTag.WindowCenterWidthExplanation, "ABDOMEN", "BONE");
        ds.Set(DicomTag.LossyImageCompression, "00");
        ds.Set(DicomTag.RequestingPhysician, "Greene^Mark");
        ds.Set(DicomTag.RequestedProcedureDescription, "CT CAP W");
        ds.Set(DicomTag.PerformedProcedureStepStartDate, new DateOnly(2024, 3, 14));
        ds.Set(DicomTag.PerformedProcedureStepStartTime, new TimeOnly(9, 12, 3));
        ds.Set(DicomTag.PerformedProcedureStepID, "PPS-77");
        ds.Set(DicomTag.PerformedProcedureStepDescription, "CT CHEST ABDOMEN PELVIS W CONTRAST");
        var request = ds.SetSequence(DicomTag.RequestAttributesSequence);
        var requested = new DicomDataset();
        requested.Set(DicomTag.RequestedProcedureID, "RP-1001");
        requested.Set(DicomTag.ScheduledProcedureStepID, "SPS-1001");
        requested.Set(DicomTag.ScheduledProcedureStepDescription, "CT CAP W");
        requested.SetSequence(DicomTag.ScheduledProtocolCodeSequence, Code("CTCAP", "LOCAL", "CT chest abdomen pelvis"));
        request.Add(requested);

        // Two vendors' private blocks, as scanners write them.
        var g9 = ds.GetPrivateTag(0x0009, "HMS CT PRIVATE", 0x00);
        ds.Set(g9, DicomVR.LO, "HMS CT PRIVATE");
        ds.Set(ds.GetPrivateTag(0x0009, "HMS CT PRIVATE", 0x01), DicomVR.LO, "RECON_V2");
        ds.Set(ds.GetPrivateTag(0x0009, "HMS CT PRIVATE", 0x02), DicomVR.SL, 1, 2, 3, 4);
        ds.Set(ds.GetPrivateTag(0x0009, "HMS CT PRIVATE", 0x03), DicomVR.DS, 0.5, 1.5);
        ds.Set(ds.GetPrivateTag(0x0009, "HMS CT PRIVATE", 0x04), DicomVR.UN, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
        ds.Set(ds.GetPrivateTag(0x0019, "HMS CT ACQ", 0x10), DicomVR.DS, 12.5);
        ds.Set(ds.GetPrivateTag(0x0019, "HMS CT ACQ", 0x11), DicomVR.SS, (short)-5);
        ds.Set(ds.GetPrivateTag(0x0019, "HMS CT ACQ", 0x12), DicomVR.LO, "DOSE_MOD_ON");
        ds.Set(ds.GetPrivateTag(0x0019, "HMS CT ACQ", 0x13), DicomVR.FD, 0.125, 0.25);

        var pixels = new byte[512 * 512 * 2];
        for (var i = 0; i < pixels.Length; i += 2)
        {
            var v = (ushort)((i * 7 + (i >> 10) * 13) % 3172);
            pixels[i] = (byte)v;
            pixels[i + 1] = (byte)(v >> 8);
        }
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        return new DicomFile(ds);
    }

    /// <summary>
    /// An Enhanced MR Image with 50 frames of 256×256: shared functional groups (pixel measures,
    /// plane orientation, MR timing and imaging modifiers) and per-frame functional groups (frame
    /// content, plane position, echo, VOI) with their nested macros.
    /// </summary>
    public static DicomFile CreateEnhancedMR(int frames = 50)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.Set(DicomTag.ImageType, "ORIGINAL", "PRIMARY", "M", "NONE");
        ds.Set(DicomTag.InstanceCreationDate, new DateOnly(2024, 5, 2));
        ds.Set(DicomTag.InstanceCreationTime, new TimeOnly(14, 2, 11));
        ds.Set(DicomTag.SOPClassUID, DicomUid.EnhancedMRImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, Uid(2, 1, 1));
        ds.Set(DicomTag.StudyDate, new DateOnly(2024, 5, 2));
        ds.Set(DicomTag.ContentDate, new DateOnly(2024, 5, 2));
        ds.Set(DicomTag.StudyTime, new TimeOnly(13, 40, 0));
        ds.Set(DicomTag.ContentTime, new TimeOnly(14, 2, 11));
        ds.Set(DicomTag.AcquisitionDateTime, new DateTime(2024, 5, 2, 13, 55, 12));
        ds.Set(DicomTag.AccessionNumber, "A20240502-0007");
        ds.Set(DicomTag.Modality, "MR");
        ds.Set(DicomTag.Manufacturer, "Hounsfield Medical Systems");
        ds.Set(DicomTag.InstitutionName, "St. Elsewhere General Hospital");
        ds.Set(DicomTag.ReferringPhysicianName, "Kildare^James");
        ds.Set(DicomTag.StudyDescription, "MR BRAIN W/O CONTRAST");
        ds.Set(DicomTag.SeriesDescription, "AX T2 TSE");
        ds.Set(DicomTag.ManufacturerModelName, "Magnet 3T");
        ds.Set(DicomTag.PatientName, "Doe^John");
        ds.Set(DicomTag.PatientID, "PID-0054321");
        ds.Set(DicomTag.PatientBirthDate, new DateOnly(1975, 1, 30));
        ds.Set(DicomTag.PatientSex, "M");
        ds.Set(DicomTag.PatientAge, "049Y");
        ds.Set(DicomTag.PatientWeight, 82.0);
        ds.Set(DicomTag.BodyPartExamined, "BRAIN");
        ds.Set(DicomTag.MagneticFieldStrength, 3.0);
        ds.Set(DicomTag.DeviceSerialNumber, "SN-3T-0099");
        ds.Set(DicomTag.SoftwareVersions, "MRX 7.1");
        ds.Set(DicomTag.ProtocolName, "BRAIN_ROUTINE");
        ds.Set(DicomTag.PatientPosition, "HFS");
        ds.Set(DicomTag.StudyInstanceUID, Uid(2, 2, 1));
        ds.Set(DicomTag.SeriesInstanceUID, Uid(2, 3, 1));
        ds.Set(DicomTag.StudyID, "77");
        ds.Set(DicomTag.SeriesNumber, 5);
        ds.Set(DicomTag.InstanceNumber, 1);
        ds.Set(DicomTag.FrameOfReferenceUID, Uid(2, 4, 1));
        ds.Set(DicomTag.PositionReferenceIndicator, "NA");
        ds.Set(DicomTag.NumberOfFrames, frames);
        ds.Set(DicomTag.SamplesPerPixel, (ushort)1);
        ds.Set(DicomTag.PhotometricInterpretation, "MONOCHROME2");
        ds.Set(DicomTag.Rows, (ushort)256);
        ds.Set(DicomTag.Columns, (ushort)256);
        ds.Set(DicomTag.BitsAllocated, (ushort)16);
        ds.Set(DicomTag.BitsStored, (ushort)12);
        ds.Set(DicomTag.HighBit, (ushort)11);
        ds.Set(DicomTag.PixelRepresentation, (ushort)0);
        ds.Set(DicomTag.AcquisitionContrast, "T2");
        ds.Set(DicomTag.VolumetricProperties, "VOLUME");
        ds.Set(DicomTag.PulseSequenceName, "TSE");
        ds.Set(DicomTag.BurnedInAnnotation, "NO");
        ds.Set(DicomTag.LossyImageCompression, "00");
        ds.Set(DicomTag.ContentQualification, "PRODUCT");
        ds.Set(DicomTag.ImageComments, "Enhanced MR benchmark fixture");

        var dimensions = ds.SetSequence(DicomTag.DimensionOrganizationSequence);
        dimensions.Add(new DicomDataset().Set(DicomTag.DimensionOrganizationUID, Uid(2, 5, 1)));
        var index = ds.SetSequence(DicomTag.DimensionIndexSequence);
        foreach (var (pointer, group) in new[] { (DicomTag.StackID, DicomTag.FrameContentSequence), (DicomTag.InStackPositionNumber, DicomTag.FrameContentSequence) })
        {
            var item = new DicomDataset();
            item.Set(DicomTag.DimensionOrganizationUID, Uid(2, 5, 1));
            item.Set(DicomTag.DimensionIndexPointer, pointer);
            item.Set(DicomTag.FunctionalGroupPointer, group);
            index.Add(item);
        }

        var shared = new DicomDataset();
        shared.SetSequence(DicomTag.PixelMeasuresSequence, new DicomDataset()
            .Set(DicomTag.SliceThickness, 5.0)
            .Set(DicomTag.PixelSpacing, 0.9375, 0.9375)
            .Set(DicomTag.SpacingBetweenSlices, 6.0));
        shared.SetSequence(DicomTag.PlaneOrientationSequence, new DicomDataset()
            .Set(DicomTag.ImageOrientationPatient, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0));
        shared.SetSequence(DicomTag.MRTimingAndRelatedParametersSequence, new DicomDataset()
            .Set(DicomTag.RepetitionTime, 4500.0)
            .Set(DicomTag.FlipAngle, 90.0)
            .Set(DicomTag.EchoTrainLength, 15)
            .Set(DicomTag.RFEchoTrainLength, 15)
            .Set(DicomTag.GradientEchoTrainLength, 0));
        shared.SetSequence(DicomTag.MRImagingModifierSequence, new DicomDataset()
            .Set(DicomTag.PixelBandwidth, 190.0)
            .Set(DicomTag.MagnetizationTransfer, "NONE")
            .Set(DicomTag.BloodSignalNulling, "NO")
            .Set(DicomTag.Tagging, "NONE")
            .Set(DicomTag.TransmitterFrequency, 127.7));
        shared.SetSequence(DicomTag.PixelValueTransformationSequence, new DicomDataset()
            .Set(DicomTag.RescaleIntercept, 0.0)
            .Set(DicomTag.RescaleSlope, 1.0)
            .Set(DicomTag.RescaleType, "US"));
        var anatomy = new DicomDataset().Set(DicomTag.FrameLaterality, "U");
        anatomy.SetSequence(DicomTag.AnatomicRegionSequence, Code("12738006", "SCT", "Brain"));
        shared.SetSequence(DicomTag.FrameAnatomySequence, anatomy);
        ds.SetSequence(DicomTag.SharedFunctionalGroupsSequence, shared);

        var perFrame = ds.SetSequence(DicomTag.PerFrameFunctionalGroupsSequence);
        for (var f = 0; f < frames; f++)
        {
            var item = new DicomDataset();
            item.SetSequence(DicomTag.FrameContentSequence, new DicomDataset()
                .Set(DicomTag.FrameAcquisitionDateTime, new DateTime(2024, 5, 2, 13, 55, 12).AddMilliseconds(f * 300))
                .Set(DicomTag.FrameReferenceDateTime, new DateTime(2024, 5, 2, 13, 55, 12).AddMilliseconds(f * 300))
                .Set(DicomTag.FrameAcquisitionDuration, 300.0)
                .Set(DicomTag.StackID, "1")
                .Set(DicomTag.InStackPositionNumber, (uint)(f + 1))
                .Set(DicomTag.DimensionIndexValues, 1u, (uint)(f + 1)));
            item.SetSequence(DicomTag.PlanePositionSequence, new DicomDataset()
                .Set(DicomTag.ImagePositionPatient, -120.0, -130.5, -75.0 + f * 6.0));
            item.SetSequence(DicomTag.MREchoSequence, new DicomDataset()
                .Set(DicomTag.EffectiveEchoTime, 98.0));
            item.SetSequence(DicomTag.MRImageFrameTypeSequence, new DicomDataset()
                .Set(DicomTag.FrameType, "ORIGINAL", "PRIMARY", "M", "NONE")
                .Set(DicomTag.PixelPresentation, "MONOCHROME")
                .Set(DicomTag.VolumetricProperties, "VOLUME")
                .Set(DicomTag.VolumeBasedCalculationTechnique, "NONE")
                .Set(DicomTag.ComplexImageComponent, "MAGNITUDE")
                .Set(DicomTag.AcquisitionContrast, "T2"));
            item.SetSequence(DicomTag.FrameVOILUTSequence, new DicomDataset()
                .Set(DicomTag.WindowCenter, 600.0)
                .Set(DicomTag.WindowWidth, 1200.0));
            perFrame.Add(item);
        }

        var pixels = new byte[frames * 256 * 256 * 2];
        for (var i = 0; i < pixels.Length; i += 2) pixels[i] = (byte)(i * 31 >> 3);
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        return new DicomFile(ds);
    }

    /// <summary>
    /// A Comprehensive SR: a CONTAINER whose content tree nests 6 levels (2, 2, 3, 3, 3, 3 children
    /// per node: 486 content items), alternating containers, text, codes and numeric measurements.
    /// </summary>
    public static DicomFile CreateSR()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        ds.Set(DicomTag.SOPClassUID, DicomUid.ComprehensiveSRStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, Uid(3, 1, 1));
        ds.Set(DicomTag.StudyDate, new DateOnly(2024, 6, 1));
        ds.Set(DicomTag.ContentDate, new DateOnly(2024, 6, 1));
        ds.Set(DicomTag.StudyTime, new TimeOnly(10, 0, 0));
        ds.Set(DicomTag.ContentTime, new TimeOnly(10, 30, 0));
        ds.Set(DicomTag.AccessionNumber, "A20240601-0001");
        ds.Set(DicomTag.Modality, "SR");
        ds.Set(DicomTag.Manufacturer, "Hounsfield Medical Systems");
        ds.Set(DicomTag.ReferringPhysicianName, "Kildare^James");
        ds.Set(DicomTag.SeriesDescription, "Measurement Report");
        ds.Set(DicomTag.PatientName, "Doe^Jane");
        ds.Set(DicomTag.PatientID, "PID-0012345");
        ds.Set(DicomTag.PatientBirthDate, new DateOnly(1961, 7, 4));
        ds.Set(DicomTag.PatientSex, "F");
        ds.Set(DicomTag.StudyInstanceUID, Uid(1, 2, 7));
        ds.Set(DicomTag.SeriesInstanceUID, Uid(3, 3, 1));
        ds.Set(DicomTag.StudyID, "4242");
        ds.Set(DicomTag.SeriesNumber, 900);
        ds.Set(DicomTag.InstanceNumber, 1);
        ds.Set(DicomTag.ValueType, "CONTAINER");
        ds.SetSequence(DicomTag.ConceptNameCodeSequence, Code("126000", "DCM", "Imaging Measurement Report"));
        ds.Set(DicomTag.ContinuityOfContent, "SEPARATE");
        ds.Set(DicomTag.CompletionFlag, "COMPLETE");
        ds.Set(DicomTag.VerificationFlag, "UNVERIFIED");
        ds.SetSequence(DicomTag.ContentTemplateSequence, new DicomDataset()
            .Set(DicomTag.MappingResource, "DCMR")
            .Set(DicomTag.TemplateIdentifier, "1500"));
        ds.SetEmpty(DicomTag.ReferencedPerformedProcedureStepSequence);
        ds.SetEmpty(DicomTag.PerformedProcedureCodeSequence);
        int[] fanOut = [2, 2, 3, 3, 3, 3];
        var counter = 0;
        ds.Set(DicomTag.ContentSequence, Children(0));
        return new DicomFile(ds);

        DicomSequence Children(int level)
        {
            var sequence = new DicomSequence();
            for (var i = 0; i < fanOut[level]; i++)
            {
                var n = ++counter;
                var item = new DicomDataset();
                item.Set(DicomTag.RelationshipType, "CONTAINS");
                var leaf = level == fanOut.Length - 1;
                switch (leaf ? n % 3 : 3)
                {
                    case 0:
                        item.Set(DicomTag.ValueType, "TEXT");
                        item.SetSequence(DicomTag.ConceptNameCodeSequence, Code("121071", "DCM", "Finding"));
                        item.Set(DicomTag.TextValue, $"Finding number {n}: no abnormality detected in this region.");
                        break;
                    case 1:
                        item.Set(DicomTag.ValueType, "NUM");
                        item.SetSequence(DicomTag.ConceptNameCodeSequence, Code("410668003", "SCT", "Length"));
                        var measured = new DicomDataset().Set(DicomTag.NumericValue, 10.0 + n * 0.25);
                        measured.SetSequence(DicomTag.MeasurementUnitsCodeSequence, Code("mm", "UCUM", "millimeter"));
                        item.SetSequence(DicomTag.MeasuredValueSequence, measured);
                        break;
                    case 2:
                        item.Set(DicomTag.ValueType, "CODE");
                        item.SetSequence(DicomTag.ConceptNameCodeSequence, Code("121139", "DCM", "Modality"));
                        item.SetSequence(DicomTag.ConceptCodeSequence, Code("CT", "DCM", "Computed Tomography"));
                        break;
                    default:
                        item.Set(DicomTag.ValueType, "CONTAINER");
                        item.SetSequence(DicomTag.ConceptNameCodeSequence, Code("125007", "DCM", "Measurement Group"));
                        item.Set(DicomTag.ContinuityOfContent, "SEPARATE");
                        item.Set(DicomTag.ContentSequence, Children(level + 1));
                        break;
                }
                sequence.Add(item);
            }
            return sequence;
        }
    }

    private static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .Set(DicomTag.CodeValue, value)
        .Set(DicomTag.CodingSchemeDesignator, scheme)
        .Set(DicomTag.CodeMeaning, meaning);

    private static string Uid(int fixture, int kind, int n) => $"{UidRoot}.{fixture}.{kind}.{n}";
}
