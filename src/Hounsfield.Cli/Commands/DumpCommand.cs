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
        var json = new Option<bool>("--json") { Description = "Write the data set (not the meta information) as DICOM JSON, PS3.18 Annex F, like dcm2json" };
        var xml = new Option<bool>("--xml") { Description = "Write the data set as Native DICOM Model XML, PS3.19 Annex A.1, like dcm2xml -nat" };
        var command = new Command("dump", "Show a DICOM file's elements (readable, like dcmdump; or as JSON or XML)") { file, json, xml };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var asJson = parse.GetValue(json);
            var asXml = parse.GetValue(xml);
            if (asJson && asXml) throw new CommandException("choose one of --json and --xml");
            var path = parse.GetValue(file)!.FullName;
            var dicom = DicomFile.Open(path);
            if (!asJson && !asXml)
            {
                DicomDumpWriter.Write(Console.Out, dicom);
                return;
            }
            // Values the reader left in the file (pixel data and other large binary values) are
            // referenced with file: URIs (see DicomBulkDataUri) instead of being read and inlined.
            var bulk = new DicomBulkDataOptions
            {
                Threshold = DicomReadOptions.Default.BulkDataThreshold,
                UriFor = DicomBulkDataUri.FileReferences(path),
            };
            using var output = Console.OpenStandardOutput();
            if (asJson) DicomJson.Write(output, dicom.Dataset, new DicomJsonOptions { WriteIndented = true, BulkData = bulk });
            else DicomXml.Write(output, dicom.Dataset, new DicomXmlOptions { WriteIndented = true, BulkData = bulk });
            output.WriteByte((byte)'\n');
        }));
        return command;
    }
}
