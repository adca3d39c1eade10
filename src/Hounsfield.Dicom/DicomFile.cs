using System.IO.Compression;
using Hounsfield.Dicom.IO;

namespace Hounsfield.Dicom;

/// <summary>
/// A DICOM Part 10 file (PS3.10 §7): File Meta Information and a data set in a transfer syntax.
/// Opening a file reads its metadata; pixel data and other large values stay on disk until asked for.
/// </summary>
public sealed class DicomFile
{
    internal DicomFile(DicomDataset meta, DicomDataset dataset, DicomTransferSyntax transferSyntax, IReadOnlyList<string> warnings)
    {
        FileMetaInformation = meta;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        Warnings = warnings;
    }

    /// <summary>Creates a file for <paramref name="dataset"/>, to be written in <paramref name="transferSyntax"/> (Explicit VR Little Endian by default).</summary>
    public DicomFile(DicomDataset dataset, DicomTransferSyntax? transferSyntax = null)
        : this(new DicomDataset(), dataset, transferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian, []) { }

    /// <summary>The File Meta Information (group 0002) as read; regenerated on save.</summary>
    public DicomDataset FileMetaInformation { get; }

    /// <summary>The data set.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the data set is encoded in (as read, corrected when the bytes disagree with the meta information).</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>What the reader tolerated: broken headers, wrong declarations, trailing padding.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The path the file was opened from, or null.</summary>
    public string? SourcePath { get; private set; }

    /// <summary>
    /// Byte offset of the data set (after preamble and meta information) in the source, or -1 when
    /// unknown. With <see cref="SourcePath"/> it lets a sender copy the encoded data set unchanged.
    /// </summary>
    public long DatasetOffset { get; internal set; } = -1;

    /// <summary>Reads a file's metadata; bulk values are read from the file by path when first used.</summary>
    /// <exception cref="DicomFormatException">The file is not DICOM or is damaged.</exception>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var file = DicomFileReader.Read(stream, options ?? DicomReadOptions.Default, DicomBulkDataSource.FromFile(path));
        file.SourcePath = Path.GetFullPath(path);
        return file;
    }

    /// <summary>Reads a file's metadata on the thread pool; see <see cref="Open"/>.</summary>
    public static Task<DicomFile> OpenAsync(string path, DicomReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Open(path, options), cancellationToken);

    /// <summary>
    /// Reads from a stream. When it can seek, bulk values are left in it and read back on demand,
    /// so it must stay open while they are used.
    /// </summary>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null) =>
        DicomFileReader.Read(stream, options ?? DicomReadOptions.Default, stream.CanSeek ? DicomBulkDataSource.FromStream(stream) : null);

    /// <summary>Writes the file to <paramref name="path"/>, in <paramref name="transferSyntax"/> when given.</summary>
    public void Save(string path, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
                Save(stream, transferSyntax, options);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes preamble, "DICM", regenerated File Meta Information and the data set.</summary>
    /// <exception cref="InvalidOperationException">The data set cannot be written in that syntax (e.g. encapsulated pixel data to a native syntax).</exception>
    public void Save(Stream stream, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null)
    {
        var syntax = transferSyntax ?? TransferSyntax;
        options ??= DicomWriteOptions.Default;
        using (var output = new DicomOutput(stream))
        {
            WriteHeader(output, BuildMeta(syntax));
            if (!syntax.IsDeflated)
            {
                new DicomDatasetWriter(output, syntax, options).Write(Dataset);
                return;
            }
            output.Flush();
        }
        using var deflate = new DeflateStream(stream, options.DeflateLevel, leaveOpen: true);
        using var deflated = new DicomOutput(deflate);
        new DicomDatasetWriter(deflated, syntax, options).Write(Dataset);
    }

    /// <summary>Writes the 128-byte preamble, "DICM" and <paramref name="meta"/> with its group length: everything before a data set.</summary>
    public static void WriteHeader(Stream stream, DicomDataset meta)
    {
        using var output = new DicomOutput(stream);
        WriteHeader(output, meta);
    }

    /// <summary>
    /// File Meta Information for a data set of <paramref name="sopClassUid"/> / <paramref name="sopInstanceUid"/>
    /// encoded in <paramref name="syntax"/>, identifying Hounsfield as the implementation.
    /// </summary>
    public static DicomDataset CreateMeta(string sopClassUid, string sopInstanceUid, DicomTransferSyntax syntax, string? sourceAETitle = null)
    {
        var dataset = new DicomDataset().Set(DicomTag.SOPClassUID, sopClassUid).Set(DicomTag.SOPInstanceUID, sopInstanceUid);
        var meta = new DicomFile(dataset).BuildMeta(syntax);
        if (!string.IsNullOrEmpty(sourceAETitle)) meta.Set(DicomTag.SourceApplicationEntityTitle, sourceAETitle);
        return meta;
    }

    private static void WriteHeader(DicomOutput output, DicomDataset meta)
    {
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        meta.Remove(DicomTag.FileMetaInformationGroupLength);
        new DicomDatasetWriter(output, Syntax.ExplicitLittle, new DicomWriteOptions { IncludeGroupLengths = true }).Write(meta);
    }

    /// <summary>
    /// The File Meta Information for writing in <paramref name="syntax"/>: version 00\01, SOP class and
    /// instance from the data set, our implementation identity; other meta elements are kept.
    /// </summary>
    public DicomDataset BuildMeta(DicomTransferSyntax syntax)
    {
        var meta = FileMetaInformation.Clone();
        meta.Remove(DicomTag.FileMetaInformationGroupLength);
        meta.SetBytes(DicomTag.FileMetaInformationVersion, DicomVR.OB, [0x00, 0x01]);
        meta.Set(DicomTag.MediaStorageSOPClassUID, Dataset.GetString(DicomTag.SOPClassUID) ?? meta.GetString(DicomTag.MediaStorageSOPClassUID) ?? "");
        meta.Set(DicomTag.MediaStorageSOPInstanceUID, Dataset.GetString(DicomTag.SOPInstanceUID) ?? meta.GetString(DicomTag.MediaStorageSOPInstanceUID) ?? "");
        meta.Set(DicomTag.TransferSyntaxUID, syntax.Uid.Value);
        meta.Set(DicomTag.ImplementationClassUID, DicomUid.ImplementationClassUid);
        meta.Set(DicomTag.ImplementationVersionName, DicomUid.ImplementationVersionName);
        return meta;
    }
}
