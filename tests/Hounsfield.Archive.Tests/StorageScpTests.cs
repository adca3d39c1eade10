using Hounsfield.Archive.Index;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests;

public sealed class StorageScpTests
{
    private static DicomFile Instance(string? sopInstance = null, string study = "1.2.826.0.1.3680043.2.1125.1") =>
        ArchiveTestServer.Instance(sopInstance, study);

    [Theory, Databases]
    public async Task Stored_instances_are_on_disk_and_in_the_index_before_success(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        var file = Instance();
        var response = await archive.StoreAsync(file);
        Assert.Equal(DimseStatus.Success, response.Status);
        var record = await archive.Server.Index.FindInstanceAsync(file.Dataset.GetString(DicomTag.SOPInstanceUID)!);
        Assert.NotNull(record);
        Assert.Equal("Doe^Jane", record.PatientName);
        var stored = DicomFile.Open(archive.Server.Storage.PathOf(record.Path));
        Assert.Equal(file.Dataset.GetString(DicomTag.SOPInstanceUID), stored.Dataset.GetString(DicomTag.SOPInstanceUID));
        Assert.Equal([1, 0, 2, 0, 3, 0, 4, 0], stored.Dataset.GetBytes(DicomTag.PixelData).ToArray());
        Assert.Equal("HOUNSFIELD", stored.FileMetaInformation.GetString(DicomTag.SourceApplicationEntityTitle));
        Assert.Equal("HOUNSFIELD", record.SourceAETitle);
        Assert.Empty(Directory.EnumerateFiles(archive.Server.Storage.Incoming));
    }

    [Theory, Databases]
    public async Task Paths_never_come_from_received_uids(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        var file = Instance(sopInstance: "1.2.3.4");
        file.Dataset.Set(DicomTag.StudyInstanceUID, "1.2.3");
        await archive.StoreAsync(file);
        var record = await archive.Server.Index.FindInstanceAsync("1.2.3.4");
        Assert.DoesNotContain("1.2.3", record!.Path);
        // Filed by the hour it arrived: yyyy/MM/dd/HH/<generated name>.dcm
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}/\d{2}/[0-9a-f]{32}\.dcm$", record.Path.Replace('\\', '/'));
    }

    [Theory, Databases]
    public async Task A_data_set_that_contradicts_its_command_is_refused_with_A900(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        // Our client takes the command's UIDs from the data set, so build the mismatch by hand.
        var file = Instance();
        var path = Path.Combine(Path.GetTempPath(), $"hf-mismatch-{Guid.NewGuid():N}.dcm");
        file.Save(path);
        await using var client = await DicomClient.ConnectAsync(archive.Peer, new DicomClientOptions().Propose(DicomUid.CTImageStorage.Value));
        var request = new CStoreRequest(DicomFile.Open(path)) { AffectedSopInstanceUid = "1.2.3.999" };
        var response = (CStoreResponse)await client.SendAndWaitAsync(request);
        File.Delete(path);
        Assert.Equal(DimseStatus.DataSetDoesNotMatchSopClass, response.Status);
        Assert.Contains("SOP Instance UID", response.ErrorComment);
        Assert.Equal((0L, 0L, 0L, 0L), await archive.Server.Index.CountAsync());
    }

    [Theory, Databases]
    public async Task A_missing_study_uid_is_refused_with_C000_naming_the_element(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        var file = Instance();
        file.Dataset.Remove(DicomTag.StudyInstanceUID);
        var response = await archive.StoreAsync(file);
        Assert.Equal(DimseStatus.CannotUnderstand, response.Status);
        Assert.Equal([DicomTag.StudyInstanceUID], response.OffendingElements);
    }

    [Theory, Databases]
    public async Task Duplicates_follow_the_policy(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        var uid = DicomUid.Generate().Value;
        Assert.Equal(DimseStatus.Success, (await archive.StoreAsync(Instance(uid))).Status);
        Assert.Equal(DimseStatus.Success, (await archive.StoreAsync(Instance(uid))).Status);
        Assert.Equal(1L, (await archive.Server.Index.CountAsync()).Instances);
        Assert.Single(Directory.EnumerateFiles(archive.Server.Storage.Root, "*.dcm", SearchOption.AllDirectories));

        archive.Options.DuplicatePolicy = DuplicatePolicy.Reject;
        var rejected = await archive.StoreAsync(Instance(uid));
        Assert.Equal(DimseStatus.DuplicateSopInstance, rejected.Status);

        archive.Options.DuplicatePolicy = DuplicatePolicy.Replace;
        var replacement = Instance(uid);
        replacement.Dataset.Set(DicomTag.PatientName, "Doe^Replaced");
        Assert.Equal(DimseStatus.Success, (await archive.StoreAsync(replacement)).Status);
        var replaced = await archive.Server.Index.FindInstanceAsync(uid);
        Assert.Equal("Doe^Replaced", DicomFile.Open(archive.Server.Storage.PathOf(replaced!.Path)).Dataset.GetString(DicomTag.PatientName));
        Assert.Single(Directory.EnumerateFiles(archive.Server.Storage.Root, "*.dcm", SearchOption.AllDirectories));
    }

    [Theory, Databases]
    public async Task Low_disk_space_refuses_with_A700_and_keeps_nothing(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        archive.Options.MinimumFreeSpace = long.MaxValue;
        var response = await archive.StoreAsync(Instance());
        Assert.Equal(DimseStatus.OutOfResources, response.Status);
        Assert.Equal(0L, (await archive.Server.Index.CountAsync()).Instances);
        Assert.Empty(Directory.EnumerateFiles(archive.Server.Storage.Root, "*.dcm", SearchOption.AllDirectories));
    }

    [Theory, Databases]
    public async Task Concurrent_stores_share_commits_and_all_succeed(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        var files = Enumerable.Range(0, 40).Select(i => Instance(study: $"1.2.826.0.1.3680043.2.1125.{i % 4 + 10}")).ToList();
        var responses = await Task.WhenAll(files.Select(archive.StoreAsync));
        Assert.All(responses, r => Assert.Equal(DimseStatus.Success, r.Status));
        var counts = await archive.Server.Index.CountAsync();
        Assert.Equal((1L, 4L, 4L, 40L), counts);
    }

    [Theory, Databases]
    public async Task The_index_survives_a_restart(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        var file = Instance();
        await archive.StoreAsync(file);
        await archive.RestartAsync();
        Assert.NotNull(await archive.Server.Index.FindInstanceAsync(file.Dataset.GetString(DicomTag.SOPInstanceUID)!));
    }
}
