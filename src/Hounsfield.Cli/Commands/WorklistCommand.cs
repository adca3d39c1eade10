using System.CommandLine;
using Hounsfield.Archive.Workflow;
using Hounsfield.Archive.Worklist;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// <c>hounsfield worklist add|remove|list</c> on the worklist in the data folder's workflow database (the
/// server may be running: SQLite shares it), and <c>worklist find PEER</c>, a Modality Worklist C-FIND.
/// </summary>
internal static class WorklistCommand
{
    private static readonly DicomTag[] Columns =
    [
        DicomTag.AccessionNumber, DicomTag.PatientID, DicomTag.PatientName, DicomTag.PatientBirthDate, DicomTag.Modality,
        DicomTag.ScheduledStationAETitle, DicomTag.ScheduledProcedureStepStartDate, DicomTag.ScheduledProcedureStepStartTime,
        DicomTag.RequestedProcedureID, DicomTag.ScheduledProcedureStepID, DicomTag.RequestedProcedureDescription,
    ];

    public static Command Create()
    {
        var command = new Command("worklist", "Modality Worklist: manage the archive's items, or query a worklist SCP");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(List());
        command.Subcommands.Add(WorklistFindCommand.Create());
        return command;
    }

    private static Option<DirectoryInfo> DataOption() =>
        new("--data") { Description = "The archive's data folder (its workflow.sqlite holds the worklist)", DefaultValueFactory = _ => new DirectoryInfo("hounsfield-data") };

    private static WorklistStore Open(ParseResult parse, Option<DirectoryInfo> data) =>
        new(new WorkflowDatabase(Path.Combine(parse.GetValue(data)!.FullName, "workflow.sqlite")), new WorklistOptions());

    private static Command Add()
    {
        var file = new Argument<FileInfo>("file") { Description = "The item (or an array of items) as PS3.18 DICOM JSON" };
        var data = DataOption();
        var command = new Command("add", "Add worklist items, replacing those with the same key (accession/requested procedure/step, or Study Instance UID)") { file, data };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var json = File.ReadAllText(parse.GetValue(file)!.FullName);
            var items = json.TrimStart().StartsWith('[') ? DicomJson.DeserializeMany(json) : [DicomJson.Deserialize(json)];
            var store = Open(parse, data);
            foreach (var item in items) Console.WriteLine($"added {store.AddOrReplace(item)}");
        }));
        return command;
    }

    private static Command Remove()
    {
        var key = new Argument<string>("key") { Description = "The item key as `worklist list` prints it" };
        var data = DataOption();
        var command = new Command("remove", "Remove a worklist item by its key") { key, data };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            if (!Open(parse, data).Remove(parse.GetValue(key)!)) throw new CommandException($"no worklist item has the key '{parse.GetValue(key)}'");
            Console.WriteLine($"removed {parse.GetValue(key)}");
        }));
        return command;
    }

    private static Command List()
    {
        var data = DataOption();
        var json = new Option<bool>("--json") { Description = "Print the items as a PS3.18 JSON array" };
        var command = new Command("list", "List the worklist items that have not expired") { data, json };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var entries = Open(parse, data).List();
            if (parse.GetValue(json))
            {
                Console.WriteLine(DicomJson.Serialize(entries.Select(e => e.Item)));
                return;
            }
            var rows = entries.Select(e => (IReadOnlyList<string>)[e.Key, .. Columns.Select(c => Flatten(e.Item).GetString(c) ?? "")]).ToList();
            TextTable.Write(Console.Out, ["Key", .. Columns.Select(c => c.Keyword!)], rows);
            Console.WriteLine($"{entries.Count} item(s)");
        }));
        return command;
    }

    /// <summary>The item's top-level attributes with its first scheduled step's beside them, for one table row.</summary>
    internal static DicomDataset Flatten(DicomDataset item)
    {
        var view = item.Clone();
        if (WorklistItemKey.FirstStep(item) is { } step)
            foreach (var element in step)
                if (!view.Contains(element.Tag) && element.Kind != DicomValueKind.Sequence) view.CopyFrom(step, element.Tag);
        return view;
    }

    /// <summary>Prints matches as the table of <see cref="Columns"/>.</summary>
    internal static void WriteTable(IReadOnlyList<DicomDataset> matches) =>
        FindCommand.WriteTable(Console.Out, [.. Columns], [.. matches.Select(Flatten)]);
}
