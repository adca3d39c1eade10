using System.CommandLine;
using Hounsfield.Dicom;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield transcode --ts NAME|UID IN OUT</c>: rewrites a file in another transfer syntax.</summary>
internal static class TranscodeCommand
{
    public static Command Create()
    {
        var ts = new Option<string>("--ts") { Description = "Target transfer syntax: UID, keyword (ExplicitVRLittleEndian) or name", Required = true };
        var input = new Argument<FileInfo>("in") { Description = "The file to read" };
        var output = new Argument<FileInfo>("out") { Description = "The file to write" };
        var command = new Command("transcode", "Write a DICOM file in another transfer syntax") { ts, input, output };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var syntax = DicomTransferSyntax.Parse(parse.GetValue(ts)!)
                ?? throw new CommandException($"'{parse.GetValue(ts)}' is not a transfer syntax UID, keyword or name");
            var file = DicomFile.Open(parse.GetValue(input)!.FullName);
            if (file.TransferSyntax.IsEncapsulated != syntax.IsEncapsulated && file.Dataset.GetFragments(DicomTag.PixelData) is not null)
                throw new CommandException($"converting {file.TransferSyntax.Name} to {syntax.Name} needs a pixel codec, which is not built yet");
            if (syntax.IsEncapsulated && file.Dataset.Contains(DicomTag.PixelData) && file.Dataset.GetFragments(DicomTag.PixelData) is null)
                throw new CommandException($"compressing to {syntax.Name} needs a pixel codec, which is not built yet");
            file.Save(parse.GetValue(output)!.FullName, syntax);
        }));
        return command;
    }
}
