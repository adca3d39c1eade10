using System.CommandLine;
using Hounsfield.Archive.Mpps;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// <c>hounsfield mpps PEER create|set ...</c> (the MPPS SCU) and <c>hounsfield mpps list --data DIR</c>
/// (the steps an archive received). The create's SOP Instance UID is printed alone on stdout for scripts.
/// </summary>
internal static class MppsCommand
{
    public static Command Create()
    {
        var words = new Argument<string[]>("action") { Description = "PEER create | PEER set UID | list", Arity = new ArgumentArity(1, 3) };
        var worklist = new Option<FileInfo?>("--from-worklist") { Description = "A worklist item as PS3.18 DICOM JSON: patient and scheduling of the step" };
        var keys = new Option<string[]>("-k") { Description = "Keyword=Value or Sequence[0].Keyword=Value set in the N-CREATE or N-SET attribute list (after what is filled); repeatable" };
        var files = new Option<string[]>("--files") { Description = "Files and folders of the acquired instances, for the Performed Series Sequence" };
        var status = new Option<string?>("--status") { Description = "set: COMPLETED or DISCONTINUED" };
        var uid = new Option<string?>("--uid") { Description = "create: the step's SOP Instance UID (default: a new one)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "list: the archive's data folder" };
        var json = new Option<bool>("--json") { Description = "list: print the steps as a PS3.18 JSON array" };
        var network = new NetworkOptions();
        var command = new Command("mpps", "Modality Performed Procedure Step: create or set a step on a peer (SCU), or list the steps an archive holds")
            { words, worklist, keys, files, status, uid, data, json };
        network.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var w = parse.GetValue(words)!;
            if (w is ["list"])
            {
                List(parse.GetValue(data) ?? throw new CommandException("mpps list needs --data DIR"), parse.GetValue(status), parse.GetValue(json));
                return;
            }
            var target = network.Peer(w[0]);
            var instances = Instances(parse.GetValue(files));
            var options = ModalityPerformedProcedureStepScu.Propose(network.ToClientOptions(parse, w[0]));
            switch (w[1..])
            {
                case ["create"]:
                    var item = parse.GetValue(worklist) is { } file ? ReadWorklistItem(file) : null;
                    var attributes = PerformedProcedureStepBuilder.Create(item, instances, options.CallingAETitle, DateTime.Now);
                    QueryKeys.Apply(attributes, parse.GetValue(keys) ?? []);
                    await using (var client = await DicomClient.ConnectAsync(target, options, ct))
                    {
                        var (response, created) = await ModalityPerformedProcedureStepScu.CreateAsync(client, attributes, parse.GetValue(uid), ct);
                        await client.ReleaseAsync(ct);
                        if (!response.Status.IsSuccess) throw new CommandException($"N-CREATE refused: {Describe(response)}");
                        Console.Error.WriteLine($"Performed Procedure Step created IN PROGRESS on {target.AETitle}");
                        Console.WriteLine(created);
                    }
                    break;
                case ["set", var stepUid]:
                    var final = parse.GetValue(status)?.ToUpperInvariant() ?? throw new CommandException("mpps set needs --status COMPLETED|DISCONTINUED");
                    if (!PerformedProcedureStepStatus.IsFinal(final)) throw new CommandException("--status must be COMPLETED or DISCONTINUED");
                    var modifications = PerformedProcedureStepBuilder.End(final, DateTime.Now, instances);
                    QueryKeys.Apply(modifications, parse.GetValue(keys) ?? []);
                    await using (var client = await DicomClient.ConnectAsync(target, options, ct))
                    {
                        var response = await ModalityPerformedProcedureStepScu.SetAsync(client, stepUid, modifications, ct);
                        await client.ReleaseAsync(ct);
                        if (!response.Status.IsSuccess) throw new CommandException($"N-SET refused: {Describe(response)}");
                        Console.WriteLine($"Performed Procedure Step {stepUid} set {final} on {target.AETitle}");
                    }
                    break;
                default:
                    throw new CommandException("write: mpps PEER create [...], mpps PEER set UID --status COMPLETED|DISCONTINUED, or mpps list --data DIR");
            }
        }));
        return command;
    }

    private static string Describe(Hounsfield.Dicom.Network.Dimse.DimseResponse response) =>
        response + (response.OffendingElements.Count > 0 ? $" (offending {string.Join(", ", response.OffendingElements)})" : "")
        + (response.ErrorId is { } id ? $" (Error ID {id:X4}H)" : "");

    private static List<DicomDataset> Instances(string[]? paths)
    {
        if (paths is not { Length: > 0 }) return [];
        var (files, skipped) = FileScanner.Scan(paths);
        foreach (var (path, reason) in skipped) Console.Error.WriteLine($"skipped {path}: {reason}");
        return [.. files.Select(f => f.Dataset)];
    }

    private static DicomDataset ReadWorklistItem(FileInfo file)
    {
        var text = File.ReadAllText(file.FullName).TrimStart();
        var items = text.StartsWith('[') ? DicomJson.DeserializeMany(text) : [DicomJson.Deserialize(text)];
        return items.Count > 0 ? items[0] : throw new CommandException($"{file.FullName} holds no worklist item");
    }

    private static void List(DirectoryInfo data, string? status, bool json)
    {
        var path = Path.Combine(data.FullName, "workflow.sqlite");
        if (!File.Exists(path)) throw new CommandException($"{data.FullName} has no workflow database");
        var steps = new PerformedProcedureStepStore(new WorkflowDatabase(path)).List(status?.ToUpperInvariant());
        if (json)
        {
            Console.WriteLine(DicomJson.Serialize(steps.Select(s => s.Attributes.Clone().Set(DicomTag.SOPInstanceUID, s.SopInstanceUid))));
            return;
        }
        string[] headers = ["SOPInstanceUID", "Status", "From", "PatientID", "PatientName", "Modality", "Start", "PPS ID"];
        var rows = steps.Select(s => new[]
        {
            s.SopInstanceUid, s.Status, s.CallingAETitle, s.Attributes.GetString(DicomTag.PatientID) ?? "", s.Attributes.GetString(DicomTag.PatientName) ?? "",
            s.Attributes.GetString(DicomTag.Modality) ?? "",
            $"{s.Attributes.GetString(DicomTag.PerformedProcedureStepStartDate)} {s.Attributes.GetString(DicomTag.PerformedProcedureStepStartTime)}".Trim(),
            s.Attributes.GetString(DicomTag.PerformedProcedureStepID) ?? "",
        }).ToList();
        var widths = headers.Select((h, i) => Math.Min(64, rows.Select(r => r[i].Length).Prepend(h.Length).Max())).ToList();
        string Line(IEnumerable<string> cells) => string.Join("  ", cells.Select((c, i) => (c.Length > widths[i] ? c[..widths[i]] : c).PadRight(widths[i]))).TrimEnd();
        Console.WriteLine(Line(headers));
        Console.WriteLine(Line(widths.Select(w => new string('-', w))));
        foreach (var row in rows) Console.WriteLine(Line(row));
        Console.WriteLine($"{steps.Count} step(s)");
    }
}
