using System.CommandLine;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Media;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield dicomdir FOLDER</c>: makes the DICOMDIR of a File-set, or lists one with <c>--list</c>.</summary>
internal static class DicomdirCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The File-set's root folder (DICOMDIR is written or read there)" };
        var fileSetId = new Option<string>("--fileset-id") { Description = "File-set ID (0004,1130), up to 16 characters", DefaultValueFactory = _ => "" };
        var list = new Option<bool>("--list") { Description = "Show the existing DICOMDIR's records as a tree instead of writing one" };
        var command = new Command("dicomdir", "Write the DICOMDIR of a folder of DICOM files (PS3.10 File-set, General Purpose profile), like dcmmkdir; --list shows one")
        {
            folder, fileSetId, list,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var root = parse.GetValue(folder)!.FullName;
            if (parse.GetValue(list)) List(root);
            else Write(root, parse.GetValue(fileSetId)!);
        }));
        return command;
    }

    private static void Write(string root, string fileSetId)
    {
        if (fileSetId.Length > 16) throw new CommandException("--fileset-id has at most 16 characters");
        var builder = new DicomDirectoryBuilder(root, fileSetId).AddFolder();
        foreach (var skipped in builder.Skipped) Console.Error.WriteLine($"skipped {skipped}");
        foreach (var invented in builder.Invented) Console.Error.WriteLine($"invented {invented}");
        if (builder.FileCount == 0) throw new CommandException($"no file below {root} can be referenced from a DICOMDIR");
        var path = builder.Save();
        Console.WriteLine($"{path}: {builder.FileCount} file(s), {builder.Skipped.Count} skipped");
    }

    private static void List(string root)
    {
        var path = DicomDirectory.Find(root) ?? throw new CommandException($"{root} has no DICOMDIR");
        var directory = DicomDirectory.Open(path);
        foreach (var warning in directory.Warnings) Console.Error.WriteLine($"warning: {warning}");
        foreach (var record in directory.RootRecords) Print(record, 0);
    }

    private static void Print(DicomDirectoryRecord record, int depth)
    {
        var ds = record.Dataset;
        var label = record.RecordType switch
        {
            "PATIENT" => $"{ds.GetString(DicomTag.PatientName)} [{ds.GetString(DicomTag.PatientID)}]",
            "STUDY" => $"{ds.GetString(DicomTag.StudyDate)} {ds.GetString(DicomTag.StudyDescription)} {ds.GetString(DicomTag.StudyInstanceUID)}",
            "SERIES" => $"{ds.GetString(DicomTag.Modality)} #{ds.GetString(DicomTag.SeriesNumber)} {ds.GetString(DicomTag.SeriesInstanceUID)}",
            _ => $"#{ds.GetString(DicomTag.InstanceNumber)} {string.Join('/', record.ReferencedFileId ?? [])}",
        };
        Console.WriteLine($"{new string(' ', depth * 2)}{record.RecordType}: {label}");
        foreach (var child in record.Children) Print(child, depth + 1);
    }
}
