using System.CommandLine;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield dump FILE [--json|--xml]</c>: shows a file's elements.</summary>
internal static class DumpCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The DICOM file to show" };
        var command = new Command("dump", "Show a DICOM file's elements (readable, like dcmdump)") { file };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var dicom = DicomFile.Open(parse.GetValue(file)!.FullName);
            DicomDumpWriter.Write(Console.Out, dicom);
        }));
        return command;
    }
}
