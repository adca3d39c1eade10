using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Coercion;

public sealed class StoreCoercionTests : IAsyncLifetime
{
    private readonly ArchiveTestServer _archive = new();

    public Task InitializeAsync()
    {
        var coercion = _archive.Options.Coercion;
        coercion.PixelDataOWToOB = true;
        coercion.GeneratePatientId = true;
        coercion.ResolvePatientIdCollisions = true;
        coercion.SpecificCharacterSet = Archive.Coercion.CharacterSetCoercion.Utf8;
        return _archive.StartAsync();
    }

    public async Task DisposeAsync() => await _archive.DisposeAsync();

    private async Task<(DimseStatus Status, DicomFile Stored)> StoreAsync(DicomFile file)
    {
        var response = await _archive.StoreAsync(file);
        var record = await _archive.Server.Index.FindInstanceAsync(file.Dataset.GetString(DicomTag.SOPInstanceUID)!);
        Assert.NotNull(record);
        return (response.Status, DicomFile.Open(_archive.Server.Storage.PathOf(record.Path)));
    }

    private static DicomFile Patient(string study, string id, string name, string birth)
    {
        var file = ArchiveTestServer.Instance(study: study, patientId: id, patientName: name);
        if (birth.Length > 0) file.Dataset.Set(DicomTag.PatientBirthDate, birth);
        return file;
    }

    [Fact]
    public async Task Eight_bit_OW_pixel_data_is_stored_as_OB_and_answered_B000()
    {
        var file = ArchiveTestServer.Instance();
        file.Dataset.Set(DicomTag.BitsAllocated, (ushort)8).SetBytes(DicomTag.PixelData, DicomVR.OW, [1, 2, 3, 4]);
        var (status, stored) = await StoreAsync(file);
        Assert.Equal(DimseStatus.CoercionOfDataElements, status);
        Assert.True(stored.Dataset.TryGetElement(DicomTag.PixelData, out var pixels));
        Assert.Equal(DicomVR.OB, pixels.VR);
        Assert.Equal([1, 2, 3, 4], pixels.Bytes.ToArray());
    }

    [Fact]
    public async Task Sixteen_bit_pixel_data_is_not_touched()
    {
        var (status, stored) = await StoreAsync(ArchiveTestServer.Instance());
        Assert.Equal(DimseStatus.Success, status);
        Assert.True(stored.Dataset.TryGetElement(DicomTag.PixelData, out var pixels));
        Assert.Equal(DicomVR.OW, pixels.VR);
    }

    [Fact]
    public async Task An_empty_Patient_ID_is_generated_from_name_and_birth_date_and_shared_by_the_study()
    {
        var (status, first) = await StoreAsync(Patient("1.2.5.1", "", "Doe^Jane", "19700101"));
        Assert.Equal(DimseStatus.CoercionOfDataElements, status);
        Assert.Equal("EMPTYPatientID_Doe^Jane_19700101", first.Dataset.GetString(DicomTag.PatientID));
        // Same study, name missing this time: it still gets the study's ID.
        var (_, second) = await StoreAsync(Patient("1.2.5.1", "", "", ""));
        Assert.Equal("EMPTYPatientID_Doe^Jane_19700101", second.Dataset.GetString(DicomTag.PatientID));
    }

    [Fact]
    public async Task Concurrent_instances_of_a_new_study_get_one_generated_Patient_ID()
    {
        var files = Enumerable.Range(0, 8).Select(_ => Patient("1.2.5.3", "", "Doe^John", "")).ToList();
        await Task.WhenAll(files.Select(f => _archive.StoreAsync(f)));
        var ids = new HashSet<string>();
        foreach (var file in files)
        {
            var record = await _archive.Server.Index.FindInstanceAsync(file.Dataset.GetString(DicomTag.SOPInstanceUID)!);
            ids.Add(DicomFile.Open(_archive.Server.Storage.PathOf(record!.Path)).Dataset.GetString(DicomTag.PatientID)!);
        }
        Assert.StartsWith("2.25.", Assert.Single(ids));
    }

    [Fact]
    public async Task An_empty_Patient_ID_without_birth_date_becomes_a_UID()
    {
        var (_, stored) = await StoreAsync(Patient("1.2.5.2", "", "Doe^John", ""));
        Assert.StartsWith("2.25.", stored.Dataset.GetString(DicomTag.PatientID));
    }

    [Fact]
    public async Task A_Patient_ID_of_another_patient_is_made_unique_and_the_original_kept_in_Other_Patient_IDs()
    {
        Assert.Equal(DimseStatus.Success, (await StoreAsync(Patient("1.2.6.1", "P77", "Doe^Jane", "19700101"))).Status);
        var (status, other) = await StoreAsync(Patient("1.2.6.2", "P77", "Roe^Richard", "19650505"));
        Assert.Equal(DimseStatus.CoercionOfDataElements, status);
        var unique = other.Dataset.GetString(DicomTag.PatientID)!;
        Assert.StartsWith("P77!2.25.", unique);
        Assert.True(unique.Length <= 64);
        Assert.Equal(["P77"], other.Dataset.GetStrings(DicomTag.OtherPatientIDs));
        // More of the same study, and a new study of the same person, get the same ID.
        Assert.Equal(unique, (await StoreAsync(Patient("1.2.6.2", "P77", "Roe^Richard", "19650505"))).Stored.Dataset.GetString(DicomTag.PatientID));
        Assert.Equal(unique, (await StoreAsync(Patient("1.2.6.3", "P77", "Roe^Richard", "19650505"))).Stored.Dataset.GetString(DicomTag.PatientID));
        // The first patient keeps the ID.
        var (again, same) = await StoreAsync(Patient("1.2.6.4", "P77", "Doe^Jane", "19700101"));
        Assert.Equal(DimseStatus.Success, again);
        Assert.Equal("P77", same.Dataset.GetString(DicomTag.PatientID));
    }

    [Fact]
    public async Task Text_in_another_character_set_is_stored_as_UTF8_and_still_found()
    {
        var file = Patient("1.2.8.1", "P88", "", "");
        file.Dataset.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.PatientName, "Müller^Jürgen");
        file.Dataset.SetSequence(DicomTag.ProcedureCodeSequence, new DicomDataset())[0].Set(DicomTag.CodeMeaning, "Schädel");
        var (status, stored) = await StoreAsync(file);
        Assert.Equal(DimseStatus.CoercionOfDataElements, status);
        Assert.Equal("ISO_IR 192", stored.Dataset.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Müller^Jürgen", stored.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal("Müller^Jürgen"u8.ToArray(), stored.Dataset.GetBytes(DicomTag.PatientName).ToArray().AsSpan().TrimEnd((byte)' ').ToArray());
        Assert.Equal("Schädel", stored.Dataset.GetSequence(DicomTag.ProcedureCodeSequence)![0].GetString(DicomTag.CodeMeaning));
        var query = Archive.Query.DicomQuery.Parse(Archive.Query.QueryModel.PatientRoot,
            new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192").Set(DicomTag.QueryRetrieveLevel, "PATIENT").Set(DicomTag.PatientName, "Müller*"));
        var found = new List<DicomDataset>();
        await foreach (var match in _archive.Server.Index.FindAsync(query, new Archive.Query.QueryOptions())) found.Add(match);
        Assert.Single(found);
    }
}
