using System.IO.Compression;
using Hounsfield.Dicom.IO;

namespace Hounsfield.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>
    /// Reads a bare data set (no preamble or meta information) encoded in <paramref name="transferSyntax"/>,
    /// to the end of the stream: a DIMSE command or data set, for instance.
    /// </summary>
    /// <exception cref="DicomFormatException">The bytes are not a well-formed data set.</exception>
    public static DicomDataset Read(Stream stream, DicomTransferSyntax transferSyntax, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        if (transferSyntax.IsDeflated)
        {
            using var inflated = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var inflatedInput = new DicomInput(inflated);
            try
            {
                return new DicomDatasetReader(inflatedInput, options, null).ReadDataset(Syntax.ExplicitLittle);
            }
            catch (InvalidDataException e)
            {
                // The offset is in the inflated data: the compressed position is not known.
                throw new DicomFormatException($"the deflated data set is corrupt: {e.Message}", inflatedInput.Position, inner: e);
            }
        }
        using var input = new DicomInput(stream);
        var source = stream.CanSeek ? DicomBulkDataSource.FromStream(stream) : null;
        try
        {
            return new DicomDatasetReader(input, options, source).ReadDataset(Syntax.Of(transferSyntax));
        }
        catch (EndOfStreamException e)
        {
            throw new DicomFormatException("the stream ended unexpectedly", input.Position, inner: e);
        }
    }

    /// <summary>Writes this data set, without meta information, in <paramref name="transferSyntax"/>.</summary>
    public void WriteTo(Stream stream, DicomTransferSyntax transferSyntax, DicomWriteOptions? options = null)
    {
        options ??= DicomWriteOptions.Default;
        if (transferSyntax.IsDeflated)
        {
            using var deflate = new DeflateStream(stream, options.DeflateLevel, leaveOpen: true);
            using var deflated = new DicomOutput(deflate);
            new DicomDatasetWriter(deflated, transferSyntax, options).Write(this);
            return;
        }
        using var output = new DicomOutput(stream);
        new DicomDatasetWriter(output, transferSyntax, options).Write(this);
    }

    /// <summary>The number of bytes <see cref="WriteTo"/> would write (not meaningful for deflated syntaxes).</summary>
    public long GetEncodedLength(DicomTransferSyntax transferSyntax, DicomWriteOptions? options = null)
    {
        using var output = new DicomOutput(Stream.Null);
        return new DicomDatasetWriter(output, transferSyntax, options ?? DicomWriteOptions.Default).Measure(this);
    }
}
