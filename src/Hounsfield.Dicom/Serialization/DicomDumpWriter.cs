using System.Globalization;
using System.Text;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Writes a data set as readable text, one element a line in the spirit of DCMTK's dcmdump:
/// tag, VR, value in brackets, then length, multiplicity and keyword after '#'.
/// </summary>
public static class DicomDumpWriter
{
    private const int MaxBinaryValues = 16;
    private const int MaxTextLength = 120;

    /// <summary>Writes the whole file: meta information, then the data set.</summary>
    public static void Write(TextWriter writer, DicomFile file)
    {
        writer.WriteLine("# Dicom-File-Format");
        writer.WriteLine();
        writer.WriteLine("# Dicom-Meta-Information-Header");
        writer.WriteLine("# Used TransferSyntax: Little Endian Explicit");
        Write(writer, file.FileMetaInformation, 0);
        writer.WriteLine();
        writer.WriteLine("# Dicom-Data-Set");
        writer.WriteLine($"# Used TransferSyntax: {file.TransferSyntax.Name}");
        Write(writer, file.Dataset, 0);
        foreach (var warning in file.Warnings) writer.WriteLine($"# W: {warning}");
    }

    /// <summary>Writes the elements of <paramref name="dataset"/> indented by <paramref name="depth"/> levels.</summary>
    public static void Write(TextWriter writer, DicomDataset dataset, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var element in dataset)
        {
            var keyword = KeywordOf(element);
            switch (element.Kind)
            {
                case DicomValueKind.Sequence:
                    var items = element.Sequence!;
                    writer.WriteLine($"{indent}{element.Tag} SQ (Sequence with {items.Count} item{(items.Count == 1 ? "" : "s")}) # {keyword}");
                    for (var i = 0; i < items.Count; i++)
                    {
                        writer.WriteLine($"{indent}  (FFFE,E000) na (Item #{i + 1})");
                        Write(writer, items[i], depth + 2);
                        writer.WriteLine($"{indent}  (FFFE,E00D) na (ItemDelimitationItem)");
                    }
                    writer.WriteLine($"{indent}(FFFE,E0DD) na (SequenceDelimitationItem)");
                    break;
                case DicomValueKind.Fragments:
                    var fragments = element.Fragments!;
                    writer.WriteLine($"{indent}{element.Tag} {element.VR} (PixelSequence #={fragments.Count + 1}) # {keyword}");
                    writer.WriteLine($"{indent}  (FFFE,E000) pi (Basic Offset Table, {fragments.BasicOffsetTable.Count} entries) # {fragments.BasicOffsetTable.Count * 4}");
                    foreach (var f in fragments) writer.WriteLine($"{indent}  (FFFE,E000) pi (fragment) # {f.Length}");
                    break;
                case DicomValueKind.Bulk:
                    var bulk = element.BulkData!;
                    writer.WriteLine($"{indent}{element.Tag} {element.VR} (not loaded, {bulk.Length} bytes at offset {bulk.Offset}) # {bulk.Length} {keyword}");
                    break;
                default:
                    var vm = element.Owner.GetValueCount(element.Tag);
                    writer.WriteLine($"{indent}{element.Tag} {element.VR} {FormatValue(element)} # {element.Length}, {vm} {keyword}");
                    break;
            }
        }
    }

    /// <summary>The dump of a whole file as a string.</summary>
    public static string ToString(DicomFile file)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, file);
        return writer.ToString();
    }

    private static string KeywordOf(DicomElement element) =>
        element.DictionaryEntry?.Keyword is { Length: > 0 } k ? k
        : element.Tag.IsPrivateCreator ? "PrivateCreator"
        : element.Tag.IsPrivate ? "PrivateTag" : "Unknown Tag & Data";

    private static string FormatValue(DicomElement element)
    {
        if (element.Length == 0) return "(no value available)";
        if (element.VR.IsString())
        {
            var text = element.GetString();
            return "[" + (text.Length > MaxTextLength ? text[..MaxTextLength] + "..." : text) + "]";
        }
        if (element.VR is DicomVR.OB or DicomVR.UN) return HexBytes(element.Bytes);
        if (element.VR is DicomVR.OW) return HexWords(element.Bytes);
        var values = element.Owner.GetStrings(element.Tag);
        var shown = string.Join('\\', values.Take(MaxBinaryValues));
        return values.Length > MaxBinaryValues ? shown + "..." : shown;
    }

    private static string HexBytes(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Math.Min(bytes.Length, MaxBinaryValues); i++)
            sb.Append(i == 0 ? "" : "\\").Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        return bytes.Length > MaxBinaryValues ? sb + "..." : sb.ToString();
    }

    private static string HexWords(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        var words = bytes.Length / 2;
        for (var i = 0; i < Math.Min(words, MaxBinaryValues); i++)
            sb.Append(i == 0 ? "" : "\\").Append(System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]).ToString("x4", CultureInfo.InvariantCulture));
        return words > MaxBinaryValues ? sb + "..." : sb.ToString();
    }
}
