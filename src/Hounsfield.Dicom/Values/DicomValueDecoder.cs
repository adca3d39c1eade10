using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Hounsfield.Dicom;

/// <summary>Turns the stored little-endian bytes of an inline value into .NET values.</summary>
internal static class DicomValueDecoder
{
    private const byte Backslash = (byte)'\\';

    /// <summary>The number of values (VM) an inline value holds.</summary>
    public static int CountValues(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (vr.IsString())
        {
            var trimmed = TrimPadding(bytes);
            if (trimmed.IsEmpty) return 0;
            return vr.IsMultiValuedString() ? trimmed.Count(Backslash) + 1 : 1;
        }
        var size = vr.ValueSize();
        return size == 0 ? (bytes.IsEmpty ? 0 : 1) : bytes.Length / size;
    }

    /// <summary>The whole value as text: strings decoded and trimmed, numbers formatted and joined by '\'.</summary>
    public static string GetText(ReadOnlySpan<byte> bytes, DicomVR vr, DicomCharacterSet characterSet)
    {
        if (vr.IsString())
        {
            var trimmed = TrimPadding(bytes);
            if (!vr.IsMultiValuedString() || trimmed.IndexOf(Backslash) < 0 && !vr.IsCharacterSetSensitive())
                return Trim(Decode(trimmed, vr, characterSet), vr);
            var values = SplitValues(trimmed, vr, characterSet);
            return string.Join('\\', values);
        }
        var count = CountValues(bytes, vr);
        if (count == 0) return "";
        if (count == 1) return FormatBinary(bytes, vr, 0);
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append('\\');
            sb.Append(FormatBinary(bytes, vr, i));
        }
        return sb.ToString();
    }

    /// <summary>Value <paramref name="index"/> as text, or false when there is no such value.</summary>
    public static bool TryGetText(ReadOnlySpan<byte> bytes, DicomVR vr, DicomCharacterSet characterSet, int index, out string text)
    {
        text = "";
        if (!vr.IsString())
        {
            if (index >= CountValues(bytes, vr)) return false;
            text = FormatBinary(bytes, vr, index);
            return true;
        }
        var trimmed = TrimPadding(bytes);
        if (!vr.IsMultiValuedString())
        {
            if (index != 0) return false;
            text = Trim(Decode(trimmed, vr, characterSet), vr);
            return true;
        }
        if (vr.IsCharacterSetSensitive())
        {
            // Multi-byte sets may use 0x5C inside a character, so split only after decoding.
            var values = SplitValues(trimmed, vr, characterSet);
            if (index >= values.Length) return false;
            text = values[index];
            return true;
        }
        if (!TrySlice(trimmed, index, out var slice)) return false;
        text = Trim(Latin1(slice), vr);
        return true;
    }

    /// <summary>All values as text.</summary>
    public static string[] GetTexts(ReadOnlySpan<byte> bytes, DicomVR vr, DicomCharacterSet characterSet)
    {
        if (vr.IsString() && vr.IsMultiValuedString()) return SplitValues(TrimPadding(bytes), vr, characterSet);
        var count = CountValues(bytes, vr);
        var result = new string[count];
        for (var i = 0; i < count; i++) TryGetText(bytes, vr, characterSet, i, out result[i]);
        return result;
    }

    /// <summary>Value <paramref name="index"/> as a signed integer (binary VRs, IS, and integral DS).</summary>
    public static bool TryGetInt64(ReadOnlySpan<byte> bytes, DicomVR vr, int index, out long value)
    {
        value = 0;
        switch (vr)
        {
            case DicomVR.US or DicomVR.OW: return TryFixed(bytes, 2, index, out var s) && Set(BinaryPrimitives.ReadUInt16LittleEndian(s), out value);
            case DicomVR.SS: return TryFixed(bytes, 2, index, out s) && Set(BinaryPrimitives.ReadInt16LittleEndian(s), out value);
            case DicomVR.UL or DicomVR.OL: return TryFixed(bytes, 4, index, out s) && Set(BinaryPrimitives.ReadUInt32LittleEndian(s), out value);
            case DicomVR.SL: return TryFixed(bytes, 4, index, out s) && Set(BinaryPrimitives.ReadInt32LittleEndian(s), out value);
            case DicomVR.SV: return TryFixed(bytes, 8, index, out s) && Set(BinaryPrimitives.ReadInt64LittleEndian(s), out value);
            case DicomVR.UV or DicomVR.OV:
                if (!TryFixed(bytes, 8, index, out s)) return false;
                var u = BinaryPrimitives.ReadUInt64LittleEndian(s);
                value = (long)u;
                return u <= long.MaxValue;
            case DicomVR.OB or DicomVR.UN: return TryFixed(bytes, 1, index, out s) && Set(s[0], out value);
            case DicomVR.IS or DicomVR.DS or DicomVR.CS or DicomVR.SH or DicomVR.LO:
                if (!TrySlice(TrimPadding(bytes), index, out var text)) return false;
                text = text.Trim((byte)' ');
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != Math.Floor(d) || Math.Abs(d) > long.MaxValue) return false;
                value = (long)d;
                return true;
            case DicomVR.FL or DicomVR.OF or DicomVR.FD or DicomVR.OD:
                if (!TryGetDouble(bytes, vr, index, out var dv) || dv != Math.Floor(dv) || Math.Abs(dv) > long.MaxValue) return false;
                value = (long)dv;
                return true;
            default:
                // Not a number: dates, names, UIDs, tags, sequences...
                return false;
        }
    }

    /// <summary>Value <paramref name="index"/> as an unsigned 64-bit integer.</summary>
    public static bool TryGetUInt64(ReadOnlySpan<byte> bytes, DicomVR vr, int index, out ulong value)
    {
        if (vr is DicomVR.UV or DicomVR.OV)
        {
            value = TryFixed(bytes, 8, index, out var s) ? BinaryPrimitives.ReadUInt64LittleEndian(s) : 0;
            return s.Length == 8;
        }
        var ok = TryGetInt64(bytes, vr, index, out var v) && v >= 0;
        value = ok ? (ulong)v : 0;
        return ok;
    }

    /// <summary>Value <paramref name="index"/> as a double (any numeric VR, IS, DS).</summary>
    public static bool TryGetDouble(ReadOnlySpan<byte> bytes, DicomVR vr, int index, out double value)
    {
        value = 0;
        switch (vr)
        {
            case DicomVR.FL or DicomVR.OF: return TryFixed(bytes, 4, index, out var s) && Set(BinaryPrimitives.ReadSingleLittleEndian(s), out value);
            case DicomVR.FD or DicomVR.OD: return TryFixed(bytes, 8, index, out s) && Set(BinaryPrimitives.ReadDoubleLittleEndian(s), out value);
            case DicomVR.UV or DicomVR.OV: return TryFixed(bytes, 8, index, out s) && Set(BinaryPrimitives.ReadUInt64LittleEndian(s), out value);
            case DicomVR.DS or DicomVR.IS or DicomVR.CS or DicomVR.SH or DicomVR.LO:
                if (!TrySlice(TrimPadding(bytes), index, out var text)) return false;
                return double.TryParse(text.Trim((byte)' '), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            case DicomVR.US or DicomVR.OW or DicomVR.SS or DicomVR.UL or DicomVR.OL or DicomVR.SL or DicomVR.SV or DicomVR.OB or DicomVR.UN:
                if (!TryGetInt64(bytes, vr, index, out var l)) return false;
                value = l;
                return true;
            default:
                // Not a number; TryGetInt64 must not be asked, as it defers floating-point VRs to this method.
                return false;
        }
    }

    /// <summary>Value <paramref name="index"/> of an AT element.</summary>
    public static bool TryGetTag(ReadOnlySpan<byte> bytes, int index, out DicomTag tag)
    {
        tag = default;
        if (!TryFixed(bytes, 4, index, out var s)) return false;
        tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(s), BinaryPrimitives.ReadUInt16LittleEndian(s[2..]));
        return true;
    }

    /// <summary>Strips trailing spaces and NULs, the padding of string values.</summary>
    public static ReadOnlySpan<byte> TrimPadding(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)' ' or 0) end--;
        return bytes[..end];
    }

    private static string Decode(ReadOnlySpan<byte> bytes, DicomVR vr, DicomCharacterSet characterSet) =>
        vr.IsCharacterSetSensitive() ? characterSet.Decode(bytes, vr) : Latin1(bytes);

    private static string Latin1(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "" : Encoding.Latin1.GetString(bytes);

    private static string[] SplitValues(ReadOnlySpan<byte> bytes, DicomVR vr, DicomCharacterSet characterSet)
    {
        if (bytes.IsEmpty) return [];
        var values = Decode(bytes, vr, characterSet).Split('\\');
        for (var i = 0; i < values.Length; i++) values[i] = Trim(values[i], vr);
        return values;
    }

    // Leading spaces are significant only in the text VRs (PS3.5 Table 6.2-1).
    private static string Trim(string s, DicomVR vr) =>
        vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UC ? s.TrimEnd(' ', '\0') : s.Trim(' ', '\0');

    private static bool TrySlice(ReadOnlySpan<byte> bytes, int index, out ReadOnlySpan<byte> slice)
    {
        slice = default;
        if (bytes.IsEmpty || index < 0) return false;
        for (var i = 0; i < index; i++)
        {
            var next = bytes.IndexOf(Backslash);
            if (next < 0) return false;
            bytes = bytes[(next + 1)..];
        }
        var end = bytes.IndexOf(Backslash);
        slice = end < 0 ? bytes : bytes[..end];
        return true;
    }

    private static bool TryFixed(ReadOnlySpan<byte> bytes, int size, int index, out ReadOnlySpan<byte> slice)
    {
        var start = (long)index * size;
        slice = index >= 0 && start + size <= bytes.Length ? bytes.Slice((int)start, size) : default;
        return !slice.IsEmpty;
    }

    private static bool Set(long v, out long value)
    {
        value = v;
        return true;
    }

    private static bool Set(double v, out double value)
    {
        value = v;
        return true;
    }

    private static string FormatBinary(ReadOnlySpan<byte> bytes, DicomVR vr, int index)
    {
        if (vr == DicomVR.AT) return TryGetTag(bytes, index, out var tag) ? tag.ToString() : "";
        if (vr is DicomVR.FL or DicomVR.OF or DicomVR.FD or DicomVR.OD)
        {
            TryGetDouble(bytes, vr, index, out var d);
            return vr is DicomVR.FL or DicomVR.OF
                ? ((float)d).ToString("R", CultureInfo.InvariantCulture)
                : d.ToString("R", CultureInfo.InvariantCulture);
        }
        if (vr is DicomVR.UV or DicomVR.OV)
        {
            TryGetUInt64(bytes, vr, index, out var u);
            return u.ToString(CultureInfo.InvariantCulture);
        }
        TryGetInt64(bytes, vr, index, out var l);
        return l.ToString(CultureInfo.InvariantCulture);
    }
}
