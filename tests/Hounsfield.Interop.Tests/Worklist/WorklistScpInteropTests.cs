using System.Net.Sockets;
using System.Text;
using Hounsfield.Archive;
using Hounsfield.Archive.Hl7;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Worklist;

/// <summary>DCMTK findscu -W against our Modality Worklist SCP; HL7 ORM over MLLP feeding it.</summary>
public sealed class WorklistScpInteropTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-mwl-interop-").FullName;
    private readonly List<string> _log = [];
    private ArchiveServer _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        var options = new ArchiveOptions { DataDirectory = Path.Combine(_dir, "data") };
        options.Worklist.ExpireAfter = TimeSpan.Zero;
        options.Worklist.MllpPort = InteropNetwork.FreePort();
        options.Worklist.MllpBindAddress = "127.0.0.1";
        _server = ArchiveServer.Create(options, new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback, Log = Log });
        await _server.Host.StartAsync();
        _port = _server.Host.Endpoints[0].Port;
        Add("A1", "P1", "Doe^John", "CT", "CT_AE1", "20240115", "0900", "Tech^Tom");
        Add("A2", "P2", "Doe^Jane", "MR", "MR_AE1", "20240115", "1400", "Smith^Sue");
        Add("A3", "P3", "Smith^Anna", "CT", "CT_AE2", "20240116", "0800", "Tech^Tom");
    }

    private void Log(string line)
    {
        lock (_log) _log.Add(line);
    }

    private void Add(string accession, string id, string name, string modality, string station, string date, string time, string performing)
    {
        var item = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.AccessionNumber, accession)
            .Set(DicomTag.PatientID, id).Set(DicomTag.PatientName, name).Set(DicomTag.RequestedProcedureID, "RP" + accession)
            .Set(DicomTag.RequestedProcedureDescription, modality + " exam");
        var step = new DicomDataset();
        item.SetSequence(DicomTag.ScheduledProcedureStepSequence, step);
        step.Set(DicomTag.Modality, modality).Set(DicomTag.ScheduledStationAETitle, station).Set(DicomTag.ScheduledProcedureStepStartDate, date)
            .Set(DicomTag.ScheduledProcedureStepStartTime, time).Set(DicomTag.ScheduledPerformingPhysicianName, performing)
            .Set(DicomTag.ScheduledProcedureStepID, "S" + accession);
        _server.Worklist.AddOrReplace(item);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private List<Dictionary<string, string>> Findscu(params string[] keys)
    {
        var arguments = new List<string> { "-W", "-v", "-aec", "HOUNSFIELD", "127.0.0.1", _port.ToString() };
        foreach (var key in keys) arguments.AddRange(["-k", key]);
        var result = PeerTool.Run("findscu", arguments).EnsureSuccess();
        return FindscuResponses.Parse(result.Error + result.Output);
    }

    private static string Sps(string keyword, string? value = null) => $"ScheduledProcedureStepSequence[0].{keyword}" + (value is null ? "" : "=" + value);

    [Fact]
    public void Findscu_sequence_matching_on_modality_and_station_returns_nested_keys()
    {
        var matches = Findscu("AccessionNumber", "PatientName", Sps("Modality", "CT"), Sps("ScheduledStationAETitle", "CT_AE2"),
            Sps("ScheduledProcedureStepStartDate"), Sps("ScheduledProcedureStepID"), Sps("ScheduledStationName"));
        var match = Assert.Single(matches);
        Assert.Equal("A3", match["AccessionNumber"]);
        Assert.Equal("Smith^Anna", match["PatientName"]);
        Assert.Equal("20240116", match["ScheduledProcedureStepStartDate"]);
        Assert.Equal("SA3", match["ScheduledProcedureStepID"]);
        Assert.Equal("", match["ScheduledStationName"]);
    }

    [Fact]
    public void Findscu_date_time_range_wildcard_name_and_performing_physician()
    {
        Assert.Equal(["A2", "A3"], Findscu("AccessionNumber", Sps("ScheduledProcedureStepStartDate", "20240115-20240116"),
            Sps("ScheduledProcedureStepStartTime", "1200-0900")).Select(m => m["AccessionNumber"]).Order());
        Assert.Equal(["A1", "A2"], Findscu("AccessionNumber", "PatientName=Doe*", Sps("Modality")).Select(m => m["AccessionNumber"]).Order());
        Assert.Equal("A2", Assert.Single(Findscu("AccessionNumber", Sps("ScheduledPerformingPhysicianName", "Smith*")))["AccessionNumber"]);
        Assert.Equal("A1", Assert.Single(Findscu("AccessionNumber", "PatientID=P1", "RequestedProcedureID=RPA1", Sps("Modality")))["AccessionNumber"]);
        Assert.Empty(Findscu("AccessionNumber", "PatientID=P1", Sps("Modality", "MR")));
    }

    [Fact]
    public async Task Hl7_order_appears_in_findscu_and_its_cancel_removes_it()
    {
        var ack = await SendAsync(Orm("NW", "H1"));
        Assert.Contains("MSA|AA|H1", ack);
        var match = Assert.Single(Findscu("AccessionNumber=HL7ACC", "PatientName", "PatientID", Sps("Modality"), Sps("ScheduledStationAETitle"), Sps("ScheduledProcedureStepStartTime")));
        Assert.Equal("Hl7^Patient", match["PatientName"]);
        Assert.Equal("PH7", match["PatientID"]);
        Assert.Equal("MR", match["Modality"]);
        Assert.Equal("MR_AE9", match["ScheduledStationAETitle"]);
        Assert.Equal("1030", match["ScheduledProcedureStepStartTime"]);
        Assert.Contains("MSA|AA|H2", await SendAsync(Orm("CA", "H2")));
        Assert.Empty(Findscu("AccessionNumber=HL7ACC", "PatientName"));
        Assert.Contains("MSA|AE|H3", await SendAsync(Orm("CA", "H3")));
    }

    [Fact]
    public async Task Malformed_hl7_is_refused_logged_and_the_listener_keeps_serving()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.Hl7Listener!.Endpoint.Port);
        var stream = client.GetStream();
        Assert.Contains("MSA|AR|", await ExchangeAsync(stream, Encoding.ASCII.GetBytes("\u0001\u0002garbage"), Mllp.Frame("PID|no header"u8)));
        Assert.Contains("MSA|AR|H5", await ExchangeAsync(stream, Mllp.Frame(Encoding.ASCII.GetBytes(Orm("NW", "H5").Replace("ORM^O01", "ADT^A01")))));
        Assert.Contains("MSA|AE|H6", await ExchangeAsync(stream, Mllp.Frame(Encoding.ASCII.GetBytes(Orm("NW", "H6").Replace("|MR||", "|||")))));
        Assert.Contains("MSA|AA|H7", await ExchangeAsync(stream, Mllp.Frame(Encoding.ASCII.GetBytes(Orm("NW", "H7")))));
        lock (_log)
        {
            Assert.Contains(_log, l => l.Contains("answered AR") && l.Contains("MSH"));
            Assert.Contains(_log, l => l.Contains("H6 answered AE"));
            Assert.Contains(_log, l => l.Contains("skipped 9 byte(s)"));
        }
        Assert.Single(Findscu("AccessionNumber=HL7ACC", "PatientName"));
    }

    private static string Orm(string control, string controlId) =>
        $"MSH|^~\\&|RIS|HOSP|PACS|HOSP|20240115080000||ORM^O01|{controlId}|P|2.3.1\r" +
        "PID|1||PH7^^^HOSP||Hl7^Patient||19800101|F\r" +
        "PV1|1|O\r" +
        $"ORC|{control}|PL7|FL7||||^^^202401201030\r" +
        "OBR|1|PL7|FL7|MRHEAD^MR Head||||||||||||||HL7ACC|RP7|SPS7|MR_AE9|||MR||\r";

    private async Task<string> SendAsync(string message)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.Hl7Listener!.Endpoint.Port);
        return await ExchangeAsync(client.GetStream(), Mllp.Frame(Encoding.ASCII.GetBytes(message)));
    }

    private static async Task<string> ExchangeAsync(NetworkStream stream, params byte[][] writes)
    {
        foreach (var bytes in writes) await stream.WriteAsync(bytes);
        using var timeout = new CancellationTokenSource(InteropNetwork.ToolTimeout);
        var frame = await new MllpFrameReader(stream, 1 << 20).ReadAsync(timeout.Token);
        Assert.NotNull(frame);
        return Encoding.ASCII.GetString(frame.Payload).Replace('\r', '\n');
    }
}
