using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Builds data sets from the values the JSON and XML readers parse, which arrive as text (JSON
/// numbers keep their literal text), base64 bytes, items or bulk data URIs.
/// <para>
/// JSON and XML text is Unicode, but a data set stores bytes in its Specific Character Set
/// (0008,0005). Text of the character-set-sensitive VRs is therefore held until the whole tree is
/// read; <see cref="Finish"/> then encodes it in the character set each data set declares, as
/// PS3.18 F.2.2 Note 3 intends (0008,0005 describes the source encoding). When some text cannot
/// be encoded in that character set, or non-ASCII text appears with none declared, the data set
/// (and any item declaring its own) is switched to ISO_IR 192 (UTF-8) so nothing is lost.
/// </para>
/// </summary>
internal sealed class DatasetAssembler(DicomBulkDataOptions bulkData)
{
    private const string Utf8Term = "ISO_IR 192";
    private readonly List<PendingText> _pending = [];
    private readonly StringBuilder _join = new();

    /// <summary>Sets an element from its values as text; null entries are empty values.</summary>
    public void SetValues(DicomDataset dataset, DicomTag tag, DicomVR vr, IReadOnlyList<string?> values)
    {
        if (values.Count == 0)
        {
            SetEmpty(dataset, tag, vr);
            return;
        }
        if (vr.IsString())
        {
            var text = Join(values);
            if (vr.IsCharacterSetSensitive() && !Ascii.IsValid(text)) _pending.Add(new PendingText(dataset, tag, vr, text));
            else dataset.SetBytes(tag, vr, DicomValueEncoder.EncodeText(vr, text, DicomCharacterSet.Default));
            return;
        }
        if (vr == DicomVR.AT)
        {
            var bytes = new byte[values.Count * 4];
            for (var i = 0; i < values.Count; i++)
            {
                var text = values[i];
                if (text is null || !TryParseTag(text, out var value)) throw Invalid(text, tag, vr);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4), value.Group);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4 + 2), value.Element);
            }
            dataset.SetBytes(tag, vr, bytes);
            return;
        }
        var size = vr.ValueSize();
        if (size == 0 || vr.IsBulkCapable())
            throw new DicomFormatException($"{vr} values must be given as InlineBinary or a bulk data URI, not as a value list", tag: tag);
        var numbers = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
            if (values[i] is not { } text || !TryWriteNumber(text.AsSpan().Trim(), vr, numbers.AsSpan(i * size, size)))
                throw Invalid(values[i], tag, vr);
        dataset.SetBytes(tag, vr, numbers);
    }

    /// <summary>
    /// Sets a Value Field given as bytes (InlineBinary), kept as they are; item-encoded bytes in
    /// Pixel Data (OB) become encapsulated fragments.
    /// </summary>
    public void SetBinary(DicomDataset dataset, DicomTag tag, DicomVR vr, byte[] bytes)
    {
        if (IsEncapsulationCandidate(tag, vr) && EncapsulatedValueField.TryParse(bytes, out var fragments))
            dataset.Set(tag, fragments!);
        else
            dataset.SetBytes(tag, vr, bytes);
    }

    /// <summary>Sets a value given by reference, resolved through the caller's resolver or left as a marker.</summary>
    public void SetBulk(DicomDataset dataset, DicomTag tag, DicomVR vr, string uri)
    {
        var bulk = bulkData.Resolver?.Invoke(new DicomBulkDataReference(uri, tag, vr));
        if (bulk is null)
        {
            var length = DicomBulkDataUri.TryParseFile(uri, out _, out _, out var known) && known > 0 ? known : 0;
            dataset.Set(tag, vr, new DicomBulkData(new DicomBulkDataUriSource(uri), 0, length));
            return;
        }
        if (IsEncapsulationCandidate(tag, vr) && EncapsulatedValueField.TryParse(bulk, out var fragments))
            dataset.Set(tag, fragments!);
        else
            dataset.Set(tag, vr, bulk);
    }

    /// <summary>Sets a sequence of items (empty items for JSON nulls and empty objects).</summary>
    public static void SetSequence(DicomDataset dataset, DicomTag tag, List<DicomDataset> items) =>
        dataset.Set(tag, new DicomSequence(items));

    /// <summary>Sets a present but empty element (PS3.18 F.2.5).</summary>
    public static void SetEmpty(DicomDataset dataset, DicomTag tag, DicomVR vr) => dataset.SetEmpty(tag, vr);

    /// <summary>Encodes the held text once <paramref name="root"/> and all its items are in place.</summary>
    public void Finish(DicomDataset root)
    {
        var switchToUtf8 = false;
        foreach (var pending in _pending)
        {
            if (Encodable(pending)) continue;
            switchToUtf8 = true;
            break;
        }
        if (switchToUtf8)
        {
            root.Set(DicomTag.SpecificCharacterSet, Utf8Term);
            SwitchItemsToUtf8(root);
        }
        foreach (var pending in _pending) pending.Dataset.Set(pending.Tag, pending.VR, pending.Text);
        _pending.Clear();
    }

    /// <summary>The text as the data set's character set gives it back, or the default repertoire (ASCII) when none is declared.</summary>
    private static bool Encodable(in PendingText pending)
    {
        var declaring = pending.Dataset;
        while (declaring is not null && !declaring.Contains(DicomTag.SpecificCharacterSet)) declaring = declaring.Parent;
        if (declaring is null || string.IsNullOrWhiteSpace(declaring.GetString(DicomTag.SpecificCharacterSet))) return false;
        var characterSet = pending.Dataset.CharacterSet;
        try
        {
            return characterSet.Decode(characterSet.Encode(pending.Text, pending.VR), pending.VR) == pending.Text;
        }
        catch (Exception e) when (e is ArgumentException or EncoderFallbackException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static void SwitchItemsToUtf8(DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            if (element.Sequence is not { } sequence) continue;
            foreach (var item in sequence)
            {
                if (item.Contains(DicomTag.SpecificCharacterSet)) item.Set(DicomTag.SpecificCharacterSet, Utf8Term);
                SwitchItemsToUtf8(item);
            }
        }
    }

    private string Join(IReadOnlyList<string?> values)
    {
        if (values.Count == 1) return values[0] ?? "";
        _join.Clear();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) _join.Append('\\');
            _join.Append(values[i]);
        }
        return _join.ToString();
    }

    private static bool IsEncapsulationCandidate(DicomTag tag, DicomVR vr) => tag == DicomTag.PixelData && vr == DicomVR.OB;

    private static bool TryParseTag(string text, out DicomTag tag)
    {
        var span = text.AsSpan().Trim();
        if (span.Length == 8 && uint.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            tag = new DicomTag(value);
            return true;
        }
        return DicomTag.TryParse(text, out tag);
    }

    private static bool TryWriteNumber(ReadOnlySpan<char> text, DicomVR vr, Span<byte> destination)
    {
        switch (vr)
        {
            case DicomVR.FL:
                if (!TryParseFloat(text, out var f)) return false;
                BinaryPrimitives.WriteSingleLittleEndian(destination, (float)f);
                return true;
            case DicomVR.FD:
                if (!TryParseFloat(text, out var d)) return false;
                BinaryPrimitives.WriteDoubleLittleEndian(destination, d);
                return true;
            case DicomVR.UV:
                if (!TryParseInteger(text, out _, out var u, isUnsigned: true)) return false;
                BinaryPrimitives.WriteUInt64LittleEndian(destination, u);
                return true;
        }
        if (!TryParseInteger(text, out var l, out _, isUnsigned: false)) return false;
        switch (vr)
        {
            case DicomVR.US when l is >= 0 and <= ushort.MaxValue: BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)l); return true;
            case DicomVR.SS when l is >= short.MinValue and <= short.MaxValue: BinaryPrimitives.WriteInt16LittleEndian(destination, (short)l); return true;
            case DicomVR.UL when l is >= 0 and <= uint.MaxValue: BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)l); return true;
            case DicomVR.SL when l is >= int.MinValue and <= int.MaxValue: BinaryPrimitives.WriteInt32LittleEndian(destination, (int)l); return true;
            case DicomVR.SV: BinaryPrimitives.WriteInt64LittleEndian(destination, l); return true;
            default: return false;
        }
    }

    /// <summary>Integers, also written with a zero fraction or an exponent ("2.0", "1e3") as JSON producers may.</summary>
    private static bool TryParseInteger(ReadOnlySpan<char> text, out long signed, out ulong unsigned, bool isUnsigned)
    {
        signed = 0;
        unsigned = 0;
        var styles = NumberStyles.AllowLeadingSign;
        if (isUnsigned ? ulong.TryParse(text, styles, CultureInfo.InvariantCulture, out unsigned) : long.TryParse(text, styles, CultureInfo.InvariantCulture, out signed))
            return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != Math.Floor(d)) return false;
        if (isUnsigned)
        {
            if (d is < 0 or >= 18446744073709551616.0) return false;
            unsigned = (ulong)d;
            return true;
        }
        if (d is < -9223372036854775808.0 or >= 9223372036854775808.0) return false;
        signed = (long)d;
        return true;
    }

    /// <summary>Numbers and the non-finite spellings of JSON producers and of xsd:double (NaN, Infinity, INF).</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var negative = text.StartsWith("-");
        var name = text.TrimStart("+-");
        if (name.Equals("NaN", StringComparison.OrdinalIgnoreCase)) value = double.NaN;
        else if (name.Equals("INF", StringComparison.OrdinalIgnoreCase) || name.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
        else return false;
        return true;
    }

    private static DicomFormatException Invalid(string? text, DicomTag tag, DicomVR vr) =>
        new(text is null ? $"an empty value cannot be encoded as {vr}" : $"'{text}' is not a valid {vr} value", tag: tag);

    private readonly record struct PendingText(DicomDataset Dataset, DicomTag Tag, DicomVR VR, string Text);
}
