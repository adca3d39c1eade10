using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Query;

public sealed class FindScpTests
{
    private static async Task<ArchiveTestServer> SeededAsync(string database)
    {
        var archive = await ArchiveTestServer.StartAsync(database);
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.9.1", patientId: "P1", patientName: "Doe^John", modality: "CT", studyDate: "20240115"));
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.9.1", patientId: "P1", patientName: "Doe^John", modality: "CT", studyDate: "20240115"));
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.9.2", patientId: "P2", patientName: "Doe^Jane", modality: "MR", studyDate: "20240320"));
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.9.3", patientId: "P3", patientName: "Smith^Anna", modality: "CT", studyDate: "20231201"));
        return archive;
    }

    private static async Task<(List<DicomDataset> Matches, DimseResponse Final)> FindAsync(ArchiveTestServer archive, DicomUid model, DicomDataset keys)
    {
        await using var client = await DicomClient.ConnectAsync(archive.Peer, new DicomClientOptions().Propose(model.Value));
        var matches = new List<DicomDataset>();
        DimseResponse? final = null;
        await foreach (var response in client.SendAsync(new CFindRequest(model.Value, keys)))
        {
            if (response.Status.IsPending) matches.Add(response.Dataset!);
            else final = response;
        }
        return (matches, final!);
    }

    private static DicomDataset Keys(string level) => new DicomDataset().Set(DicomTag.QueryRetrieveLevel, level);

    [Theory, Databases]
    public async Task Study_root_study_level_with_wildcard_name_fills_return_keys_and_derived_attributes(string database)
    {
        await using var archive = await SeededAsync(database);
        var keys = Keys("STUDY").Set(DicomTag.PatientName, "Doe*");
        keys.SetEmpty(DicomTag.StudyInstanceUID).SetEmpty(DicomTag.ModalitiesInStudy).SetEmpty(DicomTag.NumberOfStudyRelatedInstances)
            .SetEmpty(DicomTag.AccessionNumber).SetEmpty(DicomTag.RetrieveAETitle);
        var (matches, final) = await FindAsync(archive, DicomUid.StudyRootQueryRetrieveInformationModelFind, keys);
        Assert.Equal(DimseStatus.Success, final.Status);
        Assert.Equal(["1.2.9.1", "1.2.9.2"], matches.Select(m => m.GetString(DicomTag.StudyInstanceUID)).Order());
        var first = matches.Single(m => m.GetString(DicomTag.StudyInstanceUID) == "1.2.9.1");
        Assert.Equal("2", first.GetString(DicomTag.NumberOfStudyRelatedInstances));
        Assert.Equal("CT", first.GetString(DicomTag.ModalitiesInStudy));
        Assert.Equal("HOUNSFIELD", first.GetString(DicomTag.RetrieveAETitle));
        Assert.True(first.Contains(DicomTag.AccessionNumber));
        Assert.Equal("", first.GetString(DicomTag.AccessionNumber));
        Assert.Equal("STUDY", first.GetString(DicomTag.QueryRetrieveLevel));
    }

    [Theory, Databases]
    public async Task Study_date_ranges(string database)
    {
        await using var archive = await SeededAsync(database);
        foreach (var (range, expected) in new[] { ("20240101-20241231", 2), ("-20231231", 1), ("20240320", 1) })
        {
            var keys = Keys("STUDY").Set(DicomTag.StudyDate, range);
            keys.SetEmpty(DicomTag.StudyInstanceUID);
            var (matches, _) = await FindAsync(archive, DicomUid.StudyRootQueryRetrieveInformationModelFind, keys);
            Assert.Equal(expected, matches.Count);
        }
    }

    [Theory, Databases]
    public async Task Patient_root_patient_level_counts_related_studies(string database)
    {
        await using var archive = await SeededAsync(database);
        var keys = Keys("PATIENT").Set(DicomTag.PatientID, "P1");
        keys.SetEmpty(DicomTag.PatientName).SetEmpty(DicomTag.NumberOfPatientRelatedStudies).SetEmpty(DicomTag.NumberOfPatientRelatedInstances);
        var (matches, _) = await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, keys);
        var patient = Assert.Single(matches);
        Assert.Equal("Doe^John", patient.GetString(DicomTag.PatientName));
        Assert.Equal("1", patient.GetString(DicomTag.NumberOfPatientRelatedStudies));
        Assert.Equal("2", patient.GetString(DicomTag.NumberOfPatientRelatedInstances));
    }

    [Theory, Databases]
    public async Task Series_and_image_levels_below_a_study(string database)
    {
        await using var archive = await SeededAsync(database);
        var series = Keys("SERIES").Set(DicomTag.StudyInstanceUID, "1.2.9.1").Set(DicomTag.Modality, "CT");
        series.SetEmpty(DicomTag.SeriesInstanceUID).SetEmpty(DicomTag.NumberOfSeriesRelatedInstances);
        var (seriesMatches, _) = await FindAsync(archive, DicomUid.StudyRootQueryRetrieveInformationModelFind, series);
        Assert.Equal("1.2.9.1.1", Assert.Single(seriesMatches).GetString(DicomTag.SeriesInstanceUID));
        Assert.Equal("2", seriesMatches[0].GetString(DicomTag.NumberOfSeriesRelatedInstances));

        var images = Keys("IMAGE").Set(DicomTag.StudyInstanceUID, "1.2.9.1").Set(DicomTag.SeriesInstanceUID, "1.2.9.1.1");
        images.SetEmpty(DicomTag.SOPInstanceUID).SetEmpty(DicomTag.SOPClassUID);
        var (imageMatches, _) = await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, images);
        Assert.Equal(2, imageMatches.Count);
        Assert.All(imageMatches, m => Assert.Equal(DicomUid.CTImageStorage.Value, m.GetString(DicomTag.SOPClassUID)));
    }

    [Theory, Databases]
    public async Task A_level_outside_the_model_is_refused_with_A900(string database)
    {
        await using var archive = await SeededAsync(database);
        var (matches, final) = await FindAsync(archive, DicomUid.StudyRootQueryRetrieveInformationModelFind, Keys("PATIENT"));
        Assert.Empty(matches);
        Assert.Equal(DimseStatus.DataSetDoesNotMatchSopClass, final.Status);
        Assert.Equal([DicomTag.QueryRetrieveLevel], final.OffendingElements);
    }

    [Theory, Databases]
    public async Task The_maximum_number_of_responses_is_honoured(string database)
    {
        await using var archive = await SeededAsync(database);
        archive.Options.Query = archive.Options.Query with { MaxResults = 1 };
        await archive.RestartAsync();
        var keys = Keys("STUDY");
        keys.SetEmpty(DicomTag.StudyInstanceUID);
        var (matches, final) = await FindAsync(archive, DicomUid.StudyRootQueryRetrieveInformationModelFind, keys);
        Assert.Single(matches);
        Assert.Equal(DimseStatus.Success, final.Status);
    }

    // Whether the C-CANCEL overtakes the matches is a race on loopback; what must hold either way is
    // a final status of FE00H or 0000H and an association that still works (no half-sent message).
    [Theory, Databases]
    public async Task Cancelling_mid_find_leaves_the_association_sound(string database)
    {
        await using var archive = await SeededAsync(database);
        for (var i = 0; i < 30; i++) await archive.StoreAsync(ArchiveTestServer.Instance(study: $"1.2.9.100.{i}", patientId: $"C{i}"));
        var options = new DicomClientOptions().Propose(DicomUid.StudyRootQueryRetrieveInformationModelFind.Value).Propose(DicomUid.Verification.Value);
        await using var client = await DicomClient.ConnectAsync(archive.Peer, options);
        var keys = Keys("STUDY");
        keys.SetEmpty(DicomTag.StudyInstanceUID);
        using var cancel = new CancellationTokenSource();
        var statuses = new List<DimseStatus>();
        await foreach (var response in client.SendAsync(new CFindRequest(DicomUid.StudyRootQueryRetrieveInformationModelFind.Value, keys), cancel.Token))
        {
            statuses.Add(response.Status);
            if (statuses.Count == 1) await cancel.CancelAsync();
        }
        Assert.Contains(statuses[^1], new[] { DimseStatus.Cancel, DimseStatus.Success });
        Assert.All(statuses[..^1], s => Assert.Equal(DimseStatus.Pending, s));
        Assert.Equal(DimseStatus.Success, (await client.EchoAsync()).Status);
    }

    private static async Task<ArchiveTestServer> NamesAsync(string database)
    {
        var archive = await ArchiveTestServer.StartAsync(database);
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.10.1", patientId: "U1", patientName: "Müller^Jürgen", characterSet: "ISO_IR 192"));
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.10.2", patientId: "L1", patientName: "Dürr^Anna", characterSet: "ISO_IR 100"));
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.10.3", patientId: "J1", patientName: "山田^太郎", characterSet: "ISO_IR 192"));
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.10.4", patientId: "A1", patientName: "Doe^John"));
        return archive;
    }

    private static DicomDataset NameQuery(string? characterSet, string name)
    {
        var keys = new DicomDataset();
        if (characterSet is not null) keys.Set(DicomTag.SpecificCharacterSet, characterSet);
        return keys.Set(DicomTag.QueryRetrieveLevel, "PATIENT").Set(DicomTag.PatientName, name).SetEmpty(DicomTag.PatientID);
    }

    private static byte[] RawName(DicomDataset response) => response.GetBytes(DicomTag.PatientName).ToArray().AsSpan().TrimEnd((byte)' ').ToArray();

    [Theory, Databases]
    public async Task A_Latin1_query_matches_a_UTF8_name_and_is_answered_in_Latin1(string database)
    {
        await using var archive = await NamesAsync(database);
        var (matches, final) = await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, NameQuery("ISO_IR 100", "Müller*"));
        Assert.Equal(DimseStatus.Success, final.Status);
        var match = Assert.Single(matches);
        Assert.Equal("ISO_IR 100", match.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal(System.Text.Encoding.Latin1.GetBytes("Müller^Jürgen"), RawName(match));
    }

    [Theory, Databases]
    public async Task A_UTF8_query_matches_a_Latin1_name_and_is_answered_in_UTF8(string database)
    {
        await using var archive = await NamesAsync(database);
        var (matches, _) = await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, NameQuery("ISO_IR 192", "Dürr^Anna"));
        var match = Assert.Single(matches);
        Assert.Equal("ISO_IR 192", match.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Dürr^Anna"u8.ToArray(), RawName(match));
    }

    [Theory, Databases]
    public async Task A_name_the_requested_set_lacks_is_answered_in_UTF8(string database)
    {
        await using var archive = await NamesAsync(database);
        var keys = NameQuery("ISO_IR 100", "").Set(DicomTag.PatientID, "J1");
        var match = Assert.Single((await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, keys)).Matches);
        Assert.Equal("ISO_IR 192", match.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("山田^太郎"u8.ToArray(), RawName(match));
        Assert.Equal("山田^太郎", match.GetString(DicomTag.PatientName));
    }

    [Theory, Databases]
    public async Task A_query_in_ISO_2022_IR_87_is_answered_with_its_escape_sequences(string database)
    {
        await using var archive = await NamesAsync(database);
        var keys = NameQuery("\\ISO 2022 IR 87", "山田*");
        var match = Assert.Single((await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, keys)).Matches);
        Assert.Equal(["", "ISO 2022 IR 87"], match.GetStrings(DicomTag.SpecificCharacterSet));
        Assert.Equal("山田^太郎", match.GetString(DicomTag.PatientName));
        Assert.Equal(0, RawName(match).AsSpan().IndexOf("\u001b$B"u8));
    }

    [Theory, Databases]
    public async Task Without_a_requested_set_ASCII_answers_declare_none_and_others_are_UTF8(string database)
    {
        await using var archive = await NamesAsync(database);
        var (matches, _) = await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, NameQuery(null, ""));
        Assert.Equal(4, matches.Count);
        var ascii = matches.Single(m => m.GetString(DicomTag.PatientID) == "A1");
        Assert.False(ascii.Contains(DicomTag.SpecificCharacterSet));
        Assert.Equal("Doe^John"u8.ToArray(), RawName(ascii));
        var latin = matches.Single(m => m.GetString(DicomTag.PatientID) == "L1");
        Assert.Equal("ISO_IR 192", latin.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Dürr^Anna"u8.ToArray(), RawName(latin));
    }

    [Theory, Databases]
    public async Task A_requested_set_that_holds_every_value_is_declared_even_for_ASCII_answers(string database)
    {
        await using var archive = await NamesAsync(database);
        var match = Assert.Single((await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, NameQuery("ISO_IR 100", "Doe^John"))).Matches);
        Assert.Equal("ISO_IR 100", match.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Doe^John", match.GetString(DicomTag.PatientName));
    }

    [Theory, Databases]
    public async Task Fuzzy_person_names_ignore_case_and_diacritics_in_any_character_set(string database)
    {
        await using var archive = await NamesAsync(database);
        async Task<string[]> IdsAsync(string? characterSet, string name) =>
            [.. (await FindAsync(archive, DicomUid.PatientRootQueryRetrieveInformationModelFind, NameQuery(characterSet, name))).Matches.Select(m => m.GetString(DicomTag.PatientID)!).Order()];
        Assert.Empty(await IdsAsync(null, "MULLER*"));
        archive.Options.Query = archive.Options.Query with { CaseInsensitivePersonNames = true };
        await archive.RestartAsync();
        Assert.Equal(["U1"], await IdsAsync(null, "MULLER^JURGEN"));
        Assert.Equal(["U1"], await IdsAsync(null, "muller*"));
        Assert.Equal(["L1"], await IdsAsync("ISO_IR 100", "DÛRR*"));
        Assert.Equal(["L1"], await IdsAsync(null, "d?rr^anna"));
        Assert.Equal(["L1", "U1"], await IdsAsync(null, "*u?*^*"));
        Assert.Equal(["J1"], await IdsAsync("ISO_IR 192", "山田*"));
        Assert.Empty(await IdsAsync(null, "MILLER*"));
    }
}
