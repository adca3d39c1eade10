using Hounsfield.Archive;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>DCMTK storescu and findscu against the archive of hounsfield serve, on each index database.</summary>
public sealed class DcmtkArchiveTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-archive-interop-").FullName;
    private ArchiveServer? _server;
    private TestDatabase? _database;
    private int _port;
    private readonly List<string> _files = [];

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(string database)
    {
        if (database == TestDatabase.Postgres) _database = await TestDatabase.CreateAsync();
        _server = ArchiveServer.Create(new ArchiveOptions { DataDirectory = Path.Combine(_dir, "data"), Database = _database?.ConnectionString },
            new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback });
        await _server.Host.StartAsync();
        _port = _server.Host.Endpoints[0].Port;
        var studies = new[] { ("1.2.9.1", "P1", "Doe^John", "CT", "20240115"), ("1.2.9.2", "P2", "Doe^Jane", "MR", "20240320"), ("1.2.9.3", "P3", "Smith^Anna", "CT", "20231201") };
        foreach (var (study, id, name, modality, date) in studies)
        {
            for (var i = 1; i <= 2; i++)
            {
                var ds = new DicomDataset()
                    .Set(DicomTag.SpecificCharacterSet, "ISO_IR 100")
                    .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, $"{study}.1.{i}")
                    .Set(DicomTag.StudyInstanceUID, study).Set(DicomTag.SeriesInstanceUID, study + ".1")
                    .Set(DicomTag.PatientID, id).Set(DicomTag.PatientName, name).Set(DicomTag.Modality, modality)
                    .Set(DicomTag.StudyDate, date).Set(DicomTag.AccessionNumber, "A" + study[^1]).Set(DicomTag.InstanceNumber, i);
                var path = Path.Combine(_dir, $"{study}-{i}.dcm");
                new DicomFile(ds).Save(path);
                _files.Add(path);
            }
        }
        PeerTool.Run("storescu", ["-aec", "HOUNSFIELD", "127.0.0.1", _port.ToString(), .. _files]).EnsureSuccess();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private List<Dictionary<string, string>> Find(string model, params string[] keys)
    {
        var arguments = new List<string> { model, "-v", "-aec", "HOUNSFIELD", "127.0.0.1", _port.ToString() };
        foreach (var key in keys) arguments.AddRange(["-k", key]);
        var result = PeerTool.Run("findscu", arguments).EnsureSuccess();
        return FindscuResponses.Parse(result.Error + result.Output);
    }

    [Theory, Databases]
    public async Task Storescu_stored_every_file(string database)
    {
        await StartAsync(database);
        var counts = await _server!.Index.CountAsync();
        Assert.Equal((3L, 3L, 3L, 6L), counts);
    }

    [Theory, Databases]
    public async Task Study_root_study_level_wildcard_name(string database)
    {
        await StartAsync(database);
        var matches = Find("-S", "QueryRetrieveLevel=STUDY", "PatientName=Doe*", "StudyInstanceUID", "NumberOfStudyRelatedInstances", "ModalitiesInStudy");
        Assert.Equal(["1.2.9.1", "1.2.9.2"], matches.Select(m => m["StudyInstanceUID"]).Order());
        Assert.All(matches, m => Assert.Equal("2", m["NumberOfStudyRelatedInstances"]));
    }

    [Theory, Databases]
    public async Task Study_root_date_range_and_accession_number(string database)
    {
        await StartAsync(database);
        Assert.Equal(2, Find("-S", "QueryRetrieveLevel=STUDY", "StudyDate=20240101-20241231", "StudyInstanceUID").Count);
        Assert.Equal("1.2.9.3", Assert.Single(Find("-S", "QueryRetrieveLevel=STUDY", "AccessionNumber=A3", "StudyInstanceUID"))["StudyInstanceUID"]);
    }

    [Theory, Databases]
    public async Task Patient_root_every_level(string database)
    {
        await StartAsync(database);
        var patients = Find("-P", "QueryRetrieveLevel=PATIENT", "PatientID=P*", "PatientName");
        Assert.Equal(3, patients.Count);
        var studies = Find("-P", "QueryRetrieveLevel=STUDY", "PatientID=P1", "StudyInstanceUID");
        Assert.Equal("1.2.9.1", Assert.Single(studies)["StudyInstanceUID"]);
        var series = Find("-P", "QueryRetrieveLevel=SERIES", "PatientID=P1", "StudyInstanceUID=1.2.9.1", "SeriesInstanceUID", "Modality");
        Assert.Equal("CT", Assert.Single(series)["Modality"]);
        var images = Find("-P", "QueryRetrieveLevel=IMAGE", "PatientID=P1", "StudyInstanceUID=1.2.9.1", "SeriesInstanceUID=1.2.9.1.1", "SOPInstanceUID", "InstanceNumber");
        Assert.Equal(["1.2.9.1.1.1", "1.2.9.1.1.2"], images.Select(m => m["SOPInstanceUID"]).Order());
    }

    [Theory, Databases]
    public async Task Uid_list_matching(string database)
    {
        await StartAsync(database);
        var matches = Find("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.2.9.1\\1.2.9.3", "PatientName");
        Assert.Equal(["Doe^John", "Smith^Anna"], matches.Select(m => m["PatientName"]).Order());
    }

    // findscu -X writes each response identifier as it arrived, so its (0008,0005) and bytes can be read back.
    [Theory, Databases]
    public async Task Findscu_in_ISO_IR_100_gets_Latin1_answers_and_UTF8_where_Latin1_lacks_a_character(string database)
    {
        await StartAsync(database);
        var stored = new List<string>();
        foreach (var (study, id, name) in new[] { ("1.2.9.4", "P4", "Müller^Jürgen"), ("1.2.9.5", "P5", "山田^太郎") })
        {
            var ds = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192")
                .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, study + ".1.1")
                .Set(DicomTag.StudyInstanceUID, study).Set(DicomTag.SeriesInstanceUID, study + ".1").Set(DicomTag.PatientID, id).Set(DicomTag.PatientName, name);
            var path = Path.Combine(_dir, $"{study}.dcm");
            new DicomFile(ds).Save(path);
            stored.Add(path);
        }
        PeerTool.Run("storescu", ["-aec", "HOUNSFIELD", "127.0.0.1", _port.ToString(), .. stored]).EnsureSuccess();
        var output = Directory.CreateDirectory(Path.Combine(_dir, "responses")).FullName;
        PeerTool.Run("findscu", ["-P", "-X", "-od", output, "-aec", "HOUNSFIELD", "127.0.0.1", _port.ToString(),
            "-k", "SpecificCharacterSet=ISO_IR 100", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID", "-k", "PatientName"]).EnsureSuccess();
        var responses = Directory.GetFiles(output, "rsp*.dcm").Select(f => DicomFile.Open(f).Dataset).ToList();
        Assert.Equal(["P1", "P2", "P3", "P4", "P5"], responses.Select(r => r.GetString(DicomTag.PatientID)).Order());
        var latin = responses.Single(r => r.GetString(DicomTag.PatientID) == "P4");
        Assert.Equal("ISO_IR 100", latin.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal(System.Text.Encoding.Latin1.GetBytes("Müller^Jürgen"), latin.GetBytes(DicomTag.PatientName).ToArray().AsSpan().TrimEnd((byte)' ').ToArray());
        var unicode = responses.Single(r => r.GetString(DicomTag.PatientID) == "P5");
        Assert.Equal("ISO_IR 192", unicode.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("山田^太郎"u8.ToArray(), unicode.GetBytes(DicomTag.PatientName).ToArray().AsSpan().TrimEnd((byte)' ').ToArray());
    }
}
