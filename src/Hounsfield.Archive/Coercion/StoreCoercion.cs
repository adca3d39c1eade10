using Hounsfield.Archive.Index;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>
/// Applies the configured <see cref="CoercionOptions"/> to a received instance and, when anything
/// changed, rewrites its file in place so that what is stored (and later retrieved) is what was indexed.
/// </summary>
public sealed class StoreCoercion
{
    private readonly CoercionOptions _options;
    private readonly PatientIdCoercion _patientId;

    /// <summary>Coercions configured by <paramref name="options"/>, checking the stored patients in <paramref name="index"/>.</summary>
    public StoreCoercion(IArchiveIndex index, CoercionOptions options)
    {
        _options = options;
        _patientId = new PatientIdCoercion(index, options);
    }

    /// <summary>
    /// Coerces the instance received in <paramref name="path"/>: returns the file to store (reopened
    /// when rewritten) and a description of each change.
    /// </summary>
    public async Task<CoercionOutcome> ApplyAsync(DicomFile file, string path, CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        var dataset = file.Dataset;
        // Implicit VR carries no VR: OW and OB are then the same bytes.
        if (_options.PixelDataOWToOB && file.TransferSyntax.IsExplicitVR && PixelDataToOB(dataset)) changes.Add("Pixel Data OW to OB (Bits Allocated 8)");
        if (_options.SpecificCharacterSet == CharacterSetCoercion.Utf8 && CharacterSetConversion.ToUtf8(dataset)) changes.Add("text converted to ISO_IR 192");
        if (await _patientId.ApplyAsync(dataset, cancellationToken).ConfigureAwait(false) is { } patient) changes.Add(patient);
        if (changes.Count == 0) return new CoercionOutcome(file, changes);
        // Written beside the received file and renamed over it; the bulk values still read from the original until then.
        file.Save(path);
        return new CoercionOutcome(DicomFile.Open(path), changes);
    }

    private static bool PixelDataToOB(DicomDataset dataset)
    {
        if (!dataset.TryGetElement(DicomTag.PixelData, out var pixels) || pixels.VR != DicomVR.OW) return false;
        if (dataset.GetValueOrDefault<ushort>(DicomTag.BitsAllocated, 0, 0) != 8) return false;
        switch (pixels.Kind)
        {
            case DicomValueKind.Bulk:
                dataset.Set(DicomTag.PixelData, DicomVR.OB, pixels.BulkData!);
                return true;
            case DicomValueKind.Inline:
                dataset.SetBytes(DicomTag.PixelData, DicomVR.OB, pixels.Bytes.ToArray());
                return true;
            default:
                return false;
        }
    }
}
