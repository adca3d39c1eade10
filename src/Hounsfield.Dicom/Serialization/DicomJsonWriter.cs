using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Streams data sets as DICOM JSON Model objects (PS3.18 F.2) to a <see cref="Utf8JsonWriter"/>:
/// no intermediate document, values formatted straight from their stored bytes, large binary
/// values base64-encoded in chunks, the writer flushed as output accumulates.
/// </summary>
internal sealed class DicomJsonWriter(Utf8JsonWriter json, DicomJsonOptions options)
{
    private const int FlushThreshold = 64 * 1024;
    private const int ChunkSize = 48 * 1024;
    private const long MaxSafeInteger = (1L << 53) - 1;
    private byte[]? _chunk;

    public void WriteDataset(DicomDataset dataset)
    {
        json.WriteStartObject();
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength) continue;
            WriteAttribute(element);
        }
        json.WriteEndObject();
    }

    private void WriteAttribute(in DicomElement element)
    {
        Span<byte> text = stackalloc byte[8];
        TagText.Format(element.Tag, text);
        json.WritePropertyName(text);
        json.WriteStartObject();
        var vr = element.Kind == DicomValueKind.Sequence ? DicomVR.SQ : element.VR;
        if (!DicomVRExtensions.IsKnown(vr)) vr = DicomVR.UN;
        text[0] = (byte)((ushort)vr >> 8);
        text[1] = (byte)vr;
        json.WriteString("vr"u8, text[..2]);
        if (BulkDataPolicy.UriFor(element, options.BulkData) is { } uri)
        {
            json.WriteString("BulkDataURI"u8, uri);
        }
        else
        {
            switch (element.Kind)
            {
                case DicomValueKind.Sequence:
                    WriteItems(element.Sequence!);
                    break;
                case DicomValueKind.Fragments:
                    WriteEncapsulated(element.Fragments!);
                    break;
                case DicomValueKind.Bulk when vr.IsBulkCapable():
                    WriteBulkBinary(element.BulkData!);
                    break;
                case DicomValueKind.Bulk:
                    WriteValue(element.BulkData!.ReadAllBytes(), vr, element);
                    break;
                default:
                    WriteValue(element.Bytes, vr, element);
                    break;
            }
        }
        json.WriteEndObject();
        if (json.BytesPending > FlushThreshold) json.Flush();
    }

    private void WriteValue(ReadOnlySpan<byte> bytes, DicomVR vr, in DicomElement element)
    {
        if (bytes.IsEmpty) return;
        switch (vr)
        {
            case DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN:
                WriteInlineBinary(bytes);
                return;
            case DicomVR.SQ:
                return;
            case DicomVR.PN:
                WritePersonNames(DicomValueDecoder.GetTexts(bytes, vr, element.Owner.CharacterSet));
                return;
            case DicomVR.AT:
                WriteTags(bytes);
                return;
            case DicomVR.DS or DicomVR.IS:
                WriteAsciiValues(bytes, vr, asNumbers: !options.NumbersAsStrings);
                return;
        }
        if (vr.IsCharacterSetSensitive()) WriteTexts(DicomValueDecoder.GetTexts(bytes, vr, element.Owner.CharacterSet));
        else if (vr.IsString()) WriteAsciiValues(bytes, vr, asNumbers: false);
        else WriteNumbers(bytes, vr, element.Tag);
    }

    // Strings of the VRs that use only the default repertoire, written from their bytes without decoding.
    private void WriteAsciiValues(ReadOnlySpan<byte> bytes, DicomVR vr, bool asNumbers)
    {
        var rest = DicomValueDecoder.TrimPadding(bytes);
        if (rest.IsEmpty) return;
        json.WriteStartArray("Value"u8);
        var multiple = vr.IsMultiValuedString();
        while (true)
        {
            var end = multiple ? rest.IndexOf((byte)'\\') : -1;
            var value = (end < 0 ? rest : rest[..end]).Trim(" \0"u8);
            if (value.IsEmpty) json.WriteNullValue();
            else if (asNumbers && JsonNumberText.IsValid(value)) JsonNumberText.Write(json, value);
            else if (Ascii.IsValid(value)) json.WriteStringValue(value);
            else json.WriteStringValue(Encoding.Latin1.GetString(value));
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }
        json.WriteEndArray();
    }

    private void WriteTexts(string[] values)
    {
        if (values.Length == 0) return;
        json.WriteStartArray("Value"u8);
        foreach (var value in values)
        {
            if (value.Length == 0) json.WriteNullValue();
            else json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    // PS3.18 F.2.2: each PN value is an object holding its non-empty component groups.
    private void WritePersonNames(string[] values)
    {
        if (values.Length == 0) return;
        json.WriteStartArray("Value"u8);
        var groups = new string[3];
        foreach (var value in values)
        {
            PersonNameText.SplitGroups(value, groups);
            if (groups[0].Length == 0 && groups[1].Length == 0 && groups[2].Length == 0)
            {
                json.WriteNullValue();
                continue;
            }
            json.WriteStartObject();
            for (var g = 0; g < 3; g++)
                if (groups[g].Length > 0) json.WriteString(PersonNameText.GroupNames[g], groups[g]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private void WriteTags(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4) return;
        json.WriteStartArray("Value"u8);
        Span<byte> text = stackalloc byte[8];
        for (var i = 0; i + 4 <= bytes.Length; i += 4)
        {
            var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes[i..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i + 2)..]));
            TagText.Format(tag, text);
            json.WriteStringValue(text);
        }
        json.WriteEndArray();
    }

    private void WriteNumbers(ReadOnlySpan<byte> bytes, DicomVR vr, DicomTag tag)
    {
        var size = vr.ValueSize();
        if (size == 0 || bytes.Length < size) return;
        json.WriteStartArray("Value"u8);
        for (var i = 0; i + size <= bytes.Length; i += size)
        {
            var value = bytes[i..];
            switch (vr)
            {
                case DicomVR.US: json.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(value)); break;
                case DicomVR.SS: json.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(value)); break;
                case DicomVR.UL: json.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(value)); break;
                case DicomVR.SL: json.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(value)); break;
                case DicomVR.SV: WriteInteger(BinaryPrimitives.ReadInt64LittleEndian(value)); break;
                case DicomVR.UV: WriteInteger(BinaryPrimitives.ReadUInt64LittleEndian(value)); break;
                case DicomVR.FL: WriteFloat(BinaryPrimitives.ReadSingleLittleEndian(value), tag, vr); break;
                case DicomVR.FD: WriteFloat(BinaryPrimitives.ReadDoubleLittleEndian(value), tag, vr); break;
            }
        }
        json.WriteEndArray();
    }

    // 64-bit integers beyond 2^53 are strings, so that JavaScript readers do not round them (PS3.18 F.2.3 note).
    private void WriteInteger(long value)
    {
        if (!options.NumbersAsStrings && value is >= -MaxSafeInteger and <= MaxSafeInteger) json.WriteNumberValue(value);
        else json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private void WriteInteger(ulong value)
    {
        if (!options.NumbersAsStrings && value <= MaxSafeInteger) json.WriteNumberValue(value);
        else json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private void WriteFloat(float value, DicomTag tag, DicomVR vr)
    {
        if (float.IsFinite(value)) json.WriteNumberValue(value);
        else WriteNonFinite(value, tag, vr);
    }

    private void WriteFloat(double value, DicomTag tag, DicomVR vr)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else WriteNonFinite(value, tag, vr);
    }

    private void WriteNonFinite(double value, DicomTag tag, DicomVR vr)
    {
        if (options.NonFiniteNumbers == DicomJsonNonFiniteNumbers.Throw)
            throw new InvalidOperationException($"{tag} {vr} holds {value}, which a JSON number cannot represent");
        json.WriteStringValue(double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8);
    }

    private void WriteItems(DicomSequence items)
    {
        if (items.Count == 0) return;
        json.WriteStartArray("Value"u8);
        foreach (var item in items) WriteDataset(item);
        json.WriteEndArray();
    }

    // Large values go in segments, flushing as they go, so the writer's buffer stays small.
    private void WriteInlineBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= ChunkSize)
        {
            json.WriteBase64String("InlineBinary"u8, bytes);
            return;
        }
        json.WritePropertyName("InlineBinary"u8);
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(ChunkSize, bytes.Length);
            json.WriteBase64StringSegment(bytes[..n], isFinalSegment: n == bytes.Length);
            bytes = bytes[n..];
            if (json.BytesPending > FlushThreshold) json.Flush();
        }
    }

    private void WriteBulkBinary(DicomBulkData bulk)
    {
        if (bulk.Length == 0) return;
        json.WritePropertyName("InlineBinary"u8);
        var chunk = _chunk ??= new byte[ChunkSize];
        for (long done = 0; done < bulk.Length;)
        {
            var n = (int)Math.Min(chunk.Length, bulk.Length - done);
            bulk.Read(done, chunk.AsSpan(0, n));
            done += n;
            json.WriteBase64StringSegment(chunk.AsSpan(0, n), isFinalSegment: done == bulk.Length);
            if (json.BytesPending > FlushThreshold) json.Flush();
        }
    }

    // Encapsulated pixel data inline: the base64 of its item-encoded Value Field (PS3.18 F.2.7).
    private void WriteEncapsulated(DicomFragments fragments)
    {
        json.WritePropertyName("InlineBinary"u8);
        EncapsulatedValueField.Write(fragments, _chunk ??= new byte[ChunkSize], (buffer, count) =>
        {
            json.WriteBase64StringSegment(buffer.AsSpan(0, count), isFinalSegment: false);
            if (json.BytesPending > FlushThreshold) json.Flush();
        });
        json.WriteBase64StringSegment([], isFinalSegment: true);
    }
}
