using System.CommandLine;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Transcoding;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield transcode --ts NAME|UID IN OUT</c>: rewrites a file in another transfer syntax.</summary>
internal static class TranscodeCommand
{
    public static Command Create()
    {
        var ts = new Option<string>("--ts") { Description = "Target transfer syntax: UID, keyword (ExplicitVRLittleEndian) or name", Required = true };
        var input = new Argument<FileInfo>("in") { Description = "The file to read" };
        var output = new Argument<FileInfo>("out") { Description = "The file to write" };
        var quality = new Option<int>("--quality") { Description = "JPEG baseline/extended quality, 1-100", DefaultValueFactory = _ => 90 };
        var near = new Option<int>("--near") { Description = "JPEG-LS near-lossless NEAR (maximum error per sample)", DefaultValueFactory = _ => 0 };
        var ratio = new Option<double>("--ratio") { Description = "JPEG 2000 (1.2.840.10008.1.2.4.91) and HTJ2K (1.2.840.10008.1.2.4.203) target compression ratio; 0 is lossless", DefaultValueFactory = _ => 0 };
        var command = new Command("transcode", "Write a DICOM file in another transfer syntax (uncompressed, RLE, JPEG, JPEG-LS, JPEG 2000, HTJ2K)") { ts, input, output, quality, near, ratio };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var syntax = DicomTransferSyntax.Parse(parse.GetValue(ts)!)
                ?? throw new CommandException($"'{parse.GetValue(ts)}' is not a transfer syntax UID, keyword or name");
            var file = DicomFile.Open(parse.GetValue(input)!.FullName);
            if (!DicomTranscoder.CanTranscode(file.TransferSyntax, syntax))
                throw new CommandException($"converting {file.TransferSyntax.Name} to {syntax.Name} needs a codec that is not built yet (RLE, JPEG, JPEG-LS and JPEG 2000 are)");
            var parameters = new DicomCodecParameters { Quality = parse.GetValue(quality), NearLossless = parse.GetValue(near), CompressionRatio = parse.GetValue(ratio) };
            try
            {
                DicomTranscoder.Transcode(file, syntax, parameters).Save(parse.GetValue(output)!.FullName, syntax);
            }
            catch (DicomCodecException e)
            {
                throw new CommandException(e.Message);
            }
        }));
        return command;
    }
}
