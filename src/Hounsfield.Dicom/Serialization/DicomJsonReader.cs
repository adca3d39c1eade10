using System.Text;
using System.Text.Json;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Reads DICOM JSON Model objects (PS3.18 F.2) with <see cref="Utf8JsonReader"/>. Attribute
/// members may come in any order ("Value" before "vr" is re-read once the VR is known); IS and
/// DS numbers keep their literal text; comments and trailing commas are tolerated, as is the
/// standard's own F.4 example which gives InlineBinary as an array.
/// </summary>
internal sealed class DicomJsonReader
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private readonly DicomJsonOptions _options;
    private readonly List<string?> _values = [];
    private DatasetAssembler _assembler;

    private DicomJsonReader(DicomJsonOptions options)
    {
        _options = options;
        _assembler = new DatasetAssembler(options.BulkData);
    }

    /// <summary>Reads one object, or every object of a top-level array (a QIDO-RS response, F.2.1).</summary>
    public static List<DicomDataset> Read(ReadOnlySpan<byte> utf8, DicomJsonOptions options, bool single)
    {
        if (utf8.StartsWith(Utf8Bom)) utf8 = utf8[3..];
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = options.MaxDepth,
        });
        var parser = new DicomJsonReader(options);
        var result = new List<DicomDataset>();
        try
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                result.Add(parser.ReadRoot(ref reader));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (single) throw Format("expected one DICOM JSON object but found an array; read it with ReadMany", ref reader);
                while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject) throw Format("a DICOM JSON array must hold objects", ref reader);
                    result.Add(parser.ReadRoot(ref reader));
                }
            }
            else
            {
                throw Format("DICOM JSON must be an object or an array of objects", ref reader);
            }
            if (reader.Read()) throw Format("unexpected content after the DICOM JSON", ref reader);
        }
        catch (JsonException e)
        {
            throw new DicomFormatException($"not valid JSON: {e.Message}", reader.BytesConsumed, inner: e);
        }
        return result;
    }

    private DicomDataset ReadRoot(ref Utf8JsonReader reader)
    {
        _assembler = new DatasetAssembler(_options.BulkData);
        var dataset = ReadDataset(ref reader);
        _assembler.Finish(dataset);
        return dataset;
    }

    // At a StartObject; ends at its EndObject.
    private DicomDataset ReadDataset(ref Utf8JsonReader reader)
    {
        var dataset = new DicomDataset();
        while (Next(ref reader) && reader.TokenType != JsonTokenType.EndObject)
        {
            if (!TryParseName(ref reader, out var tag)) throw Format($"'{reader.GetString()}' is not a tag (eight hexadecimal digits)", ref reader);
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (reader.TokenType != JsonTokenType.StartObject) throw Format("an attribute must be a JSON object", ref reader, tag);
            ReadAttribute(ref reader, dataset, tag);
        }
        return dataset;
    }

    private void ReadAttribute(ref Utf8JsonReader reader, DicomDataset dataset, DicomTag tag)
    {
        var vr = DicomVR.None;
        var read = false;
        var deferred = false;
        Utf8JsonReader value = default;
        byte[]? inline = null;
        string? uri = null;
        while (Next(ref reader) && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("vr"u8))
            {
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.String || !DicomVRExtensions.TryParse(reader.GetString(), out vr))
                    throw Format("\"vr\" is not a DICOM VR", ref reader, tag);
            }
            else if (reader.ValueTextEquals("Value"u8))
            {
                Next(ref reader);
                if (vr == DicomVR.None)
                {
                    value = reader;
                    deferred = true;
                    reader.Skip();
                }
                else
                {
                    ReadValue(ref reader, dataset, tag, vr);
                    read = true;
                }
            }
            else if (reader.ValueTextEquals("InlineBinary"u8))
            {
                Next(ref reader);
                inline = ReadBase64(ref reader, tag);
            }
            else if (reader.ValueTextEquals("BulkDataURI"u8))
            {
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.String) throw Format("\"BulkDataURI\" must be a string", ref reader, tag);
                uri = reader.GetString();
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }
        if (vr == DicomVR.None) vr = dataset.GetDictionaryEntry(tag)?.VR ?? DicomVR.UN;
        if (deferred) ReadValue(ref value, dataset, tag, vr);
        else if (read) return;
        else if (inline is not null) _assembler.SetBinary(dataset, tag, vr, inline);
        else if (uri is not null) _assembler.SetBulk(dataset, tag, vr, uri);
        else DatasetAssembler.SetEmpty(dataset, tag, vr);
    }

    // At the token after "Value": an array (or null, taken as no value).
    private void ReadValue(ref Utf8JsonReader reader, DicomDataset dataset, DicomTag tag, DicomVR vr)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            DatasetAssembler.SetEmpty(dataset, tag, vr);
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray) throw Format("\"Value\" must be an array", ref reader, tag);
        if (vr == DicomVR.SQ)
        {
            var items = new List<DicomDataset>();
            while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject) items.Add(ReadDataset(ref reader));
                else if (reader.TokenType == JsonTokenType.Null) items.Add(new DicomDataset());
                else throw Format("a sequence item must be a JSON object", ref reader, tag);
            }
            DatasetAssembler.SetSequence(dataset, tag, items);
            return;
        }
        _values.Clear();
        while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    _values.Add(null);
                    break;
                case JsonTokenType.String:
                    _values.Add(reader.GetString());
                    break;
                case JsonTokenType.Number:
                    _values.Add(NumberText(ref reader, vr));
                    break;
                case JsonTokenType.StartObject when vr == DicomVR.PN:
                    _values.Add(ReadPersonName(ref reader, tag));
                    break;
                default:
                    throw Format($"a {vr} value cannot be a JSON {reader.TokenType}", ref reader, tag);
            }
        }
        _assembler.SetValues(dataset, tag, vr, _values);
    }

    // The literal text of a number: "1.50" stays "1.50". A DS longer than its 16 bytes is
    // reformatted to fit; an IS written with a fraction or exponent (4.0, 1e2) becomes an integer.
    private static string NumberText(ref Utf8JsonReader reader, DicomVR vr)
    {
        var text = Encoding.ASCII.GetString(reader.ValueSpan);
        if (vr == DicomVR.DS && text.Length > 16 && reader.TryGetDouble(out var d) && double.IsFinite(d))
            return DicomValueEncoder.FormatDecimalString(d);
        if (vr == DicomVR.IS && text.AsSpan().IndexOfAny(".eE") >= 0 && reader.TryGetDouble(out var i)
            && i == Math.Floor(i) && Math.Abs(i) < 1e15)
            return ((long)i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return text;
    }

    // PS3.18 F.2.2: { "Alphabetic": "...", "Ideographic": "...", "Phonetic": "..." }.
    private static string ReadPersonName(ref Utf8JsonReader reader, DicomTag tag)
    {
        var groups = new string?[3];
        while (Next(ref reader) && reader.TokenType != JsonTokenType.EndObject)
        {
            var index = reader.ValueTextEquals("Alphabetic"u8) ? 0 : reader.ValueTextEquals("Ideographic"u8) ? 1 : reader.ValueTextEquals("Phonetic"u8) ? 2 : -1;
            Next(ref reader);
            if (index < 0)
            {
                reader.Skip();
                continue;
            }
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (reader.TokenType != JsonTokenType.String) throw Format("a person name component group must be a string", ref reader, tag);
            groups[index] = reader.GetString();
        }
        return PersonNameText.Join(groups, '=');
    }

    private static byte[] ReadBase64(ref Utf8JsonReader reader, DicomTag tag)
    {
        try
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return [];
                case JsonTokenType.String:
                    return reader.GetBytesFromBase64();
                case JsonTokenType.StartArray:
                    using (var joined = new MemoryStream())
                    {
                        while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType != JsonTokenType.String) throw Format("\"InlineBinary\" must be a base64 string", ref reader, tag);
                            joined.Write(reader.GetBytesFromBase64());
                        }
                        return joined.ToArray();
                    }
                default:
                    throw Format("\"InlineBinary\" must be a base64 string", ref reader, tag);
            }
        }
        catch (FormatException e)
        {
            throw new DicomFormatException("\"InlineBinary\" is not valid base64", reader.TokenStartIndex, tag, e);
        }
    }

    private static bool TryParseName(ref Utf8JsonReader reader, out DicomTag tag) =>
        reader.ValueIsEscaped ? TagText.TryParse(reader.GetString(), out tag) : TagText.TryParse(reader.ValueSpan, out tag);

    private static bool Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new DicomFormatException("the JSON ended early", reader.BytesConsumed);
        return true;
    }

    private static DicomFormatException Format(string message, ref Utf8JsonReader reader, DicomTag? tag = null) =>
        new(message, reader.TokenStartIndex, tag);
}
