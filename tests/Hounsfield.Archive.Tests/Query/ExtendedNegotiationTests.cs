using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Archive.Tests.Query;

/// <summary>SOP Class Extended Negotiation of C-FIND (PS3.4 C.5.1.1): what we agree to, and what it changes.</summary>
public sealed class ExtendedNegotiationTests : IAsyncLifetime
{
    private static readonly string Model = DicomUid.StudyRootQueryRetrieveInformationModelFind.Value;
    private readonly ArchiveTestServer _archive = new();

    public async Task InitializeAsync()
    {
        await _archive.StartAsync();
        foreach (var (study, date, time) in new[] { ("1.2.31.1", "20240115", "235000"), ("1.2.31.2", "20240116", "010000"), ("1.2.31.3", "20240116", "120000") })
        {
            var file = ArchiveTestServer.Instance(study: study, studyDate: date);
            file.Dataset.Set(DicomTag.StudyTime, time);
            await _archive.StoreAsync(file);
        }
    }

    public async Task DisposeAsync() => await _archive.DisposeAsync();

    private async Task<(byte[]? Agreed, int Matches)> FindAsync(byte[]? asked, DicomDataset keys)
    {
        var options = new DicomClientOptions().Propose(Model);
        if (asked is not null) options.ExtendedNegotiations.Add(new SopClassExtendedNegotiation(Model, asked));
        await using var client = await DicomClient.ConnectAsync(_archive.Peer, options);
        var agreed = client.Association.PeerUserInformation.ExtendedNegotiations.FirstOrDefault(e => e.SopClassUid == Model)?.ServiceClassApplicationInformation;
        var matches = 0;
        await foreach (var response in client.SendAsync(new CFindRequest(Model, keys.Set(DicomTag.QueryRetrieveLevel, "STUDY"))))
            if (response.Status.IsPending) matches++;
        return (agreed, matches);
    }

    [Fact]
    public async Task Relational_date_time_and_fuzzy_matching_are_agreed_and_timezone_adjustment_is_not()
    {
        var (agreed, _) = await FindAsync([1, 1, 1, 1], new DicomDataset().SetEmpty(DicomTag.StudyInstanceUID));
        Assert.Equal([1, 1, 1, 0], agreed);
        var (none, _) = await FindAsync(null, new DicomDataset().SetEmpty(DicomTag.StudyInstanceUID));
        Assert.Null(none);
    }

    [Fact]
    public async Task Negotiated_date_time_matching_reads_date_and_time_ranges_as_one_range()
    {
        DicomDataset Keys() => new DicomDataset().Set(DicomTag.StudyDate, "20240115-20240116").Set(DicomTag.StudyTime, "230000-020000");
        Assert.Equal(2, (await FindAsync([0, 1], Keys())).Matches);
        Assert.Equal(0, (await FindAsync(null, Keys())).Matches);
    }

    [Fact]
    public async Task Negotiated_fuzzy_matching_ignores_the_case_and_diacritics_of_names()
    {
        DicomDataset Keys() => new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.PatientName, "döe^JÀNE");
        Assert.Equal(3, (await FindAsync([0, 0, 1], Keys())).Matches);
        Assert.Equal(0, (await FindAsync(null, Keys())).Matches);
    }
}
