using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Transcoding;

namespace Hounsfield.Archive.Storage;

/// <summary>
/// Rewrites a received instance into the configured ingest syntax before it is committed, in place of
/// the received file, so that what is indexed and retrieved is what is stored. An instance that cannot
/// be converted (no codec, a corrupt code stream, a lossy target not allowed) is kept as received.
/// </summary>
internal sealed class IngestTranscoding(IngestOptions options, Action<string>? log)
{
    private readonly DicomTransferSyntax? _target = string.IsNullOrWhiteSpace(options.TransferSyntax) ? null
        : DicomTransferSyntax.Parse(options.TransferSyntax) ?? throw new ArgumentException($"'{options.TransferSyntax}' names no transfer syntax", nameof(options));

    private readonly IDicomTranscoder _transcoder = new DicomTranscoder
    {
        AllowLossy = options.AllowLossy,
        Parameters = new DicomCodecParameters { CompressionRatio = options.CompressionRatio, Quality = options.Quality },
    };

    /// <summary>The file to commit: <paramref name="file"/> itself, or it rewritten at <paramref name="path"/>; and whether pixels were compressed lossily.</summary>
    public (DicomFile File, bool Lossy) Apply(DicomFile file, string path)
    {
        if (_target is null || file.TransferSyntax.Equals(_target) || !file.Dataset.Contains(DicomTag.PixelData)) return (file, false);
        if (!_transcoder.CanTranscode(file.TransferSyntax, _target))
        {
            log?.Invoke($"ingest: {file.TransferSyntax.Name} to {_target.Name} not done (no codec, or lossy not allowed); stored as received");
            return (file, false);
        }
        var rewritten = path + ".ingest";
        try
        {
            var converted = _transcoder.Transcode(file, _target);
            // The transcoder appends a method to Lossy Image Compression Method whenever it compresses lossily.
            var lossy = converted.Dataset.GetStrings(DicomTag.LossyImageCompressionMethod).Length > file.Dataset.GetStrings(DicomTag.LossyImageCompressionMethod).Length;
            converted.FileMetaInformation.CopyFrom(file.FileMetaInformation, DicomTag.SourceApplicationEntityTitle);
            converted.Save(rewritten);
            File.Move(rewritten, path, overwrite: true);
            return (DicomFile.Open(path), lossy);
        }
        catch (DicomCodecException e)
        {
            File.Delete(rewritten);
            log?.Invoke($"ingest: {file.Dataset.GetString(DicomTag.SOPInstanceUID)} not converted to {_target.Name} ({e.Message}); stored as received");
            return (file, false);
        }
    }
}
