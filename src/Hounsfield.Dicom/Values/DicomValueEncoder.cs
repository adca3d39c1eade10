using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Hounsfield.Dicom;

/// <summary>Encodes .NET values into the little-endian, even-length bytes of a value of a given VR.</summary>
internal static class DicomValueEncoder
{
    public static byte[] Encode<T>(DicomVR vr, ReadOnlySpan<T> values, DicomCharacterSet characterSet)
    {
        if (vr == DicomVR.SQ) throw new ArgumentException("a sequence takes DicomSequence, not values");
        return vr.IsString() ? EncodeText(vr, JoinText(vr, values), characterSet) : EncodeBinary(vr, values);
    }

    /// <summary>Encodes a whole string value (values already joined by '\') and pads it to even length.</summary>
    public static byte[] EncodeText(DicomVR vr, string text, DicomCharacterSet characterSet)
    {
        if (vr.IsCharacterSetSensitive() && !characterSet.CanEncode(text, vr))
            throw new ArgumentException($"'{text}' cannot be encoded in Specific Character Set '{characterSet}'; set (0008,0005) to a set that holds it (e.g. ISO_IR 192) first");
        if (!vr.IsCharacterSetSensitive() && !System.Text.Ascii.IsValid(text))
            throw new ArgumentException($"'{text}' is not allowed in {vr}, which takes the default repertoire only");
        var bytes = vr.IsCharacterSetSensitive() ? characterSet.Encode(text, vr) : Encoding.ASCII.GetBytes(text);
        if ((bytes.Length & 1) == 0) return bytes;
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = vr.PaddingByte();
        return padded;
    }

    private static string JoinText<T>(DicomVR vr, ReadOnlySpan<T> values)
    {
        if (values.Length == 1) return FormatText(vr, values[0]);
        var sb = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append('\\');
            sb.Append(FormatText(vr, values[i]));
        }
        return sb.ToString();
    }

    private static string FormatText<T>(DicomVR vr, T value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => DicomDateTimeParser.FormatDate(d),
        TimeOnly t => DicomDateTimeParser.FormatTime(t),
        DateTime dt => vr switch
        {
            DicomVR.DA => DicomDateTimeParser.FormatDate(DateOnly.FromDateTime(dt)),
            DicomVR.TM => DicomDateTimeParser.FormatTime(TimeOnly.FromDateTime(dt)),
            _ => DicomDateTimeParser.FormatDateTime(new DateTimeOffset(dt, TimeSpan.Zero), includeOffset: false),
        },
        DateTimeOffset dto => DicomDateTimeParser.FormatDateTime(dto, includeOffset: true),
        double d when vr == DicomVR.DS => FormatDecimalString(d),
        float f when vr == DicomVR.DS => FormatDecimalString(f),
        decimal m when vr == DicomVR.DS => FormatDecimalString((double)m),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The shortest round-trip text of <paramref name="value"/> that fits the 16 bytes of DS.</summary>
    public static string FormatDecimalString(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"DS cannot hold {value}");
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var precision = 15; text.Length > 16 && precision > 0; precision--)
            text = value.ToString("G" + precision, CultureInfo.InvariantCulture);
        return text;
    }

    private static byte[] EncodeBinary<T>(DicomVR vr, ReadOnlySpan<T> values)
    {
        if (typeof(T) == typeof(byte) && vr is DicomVR.OB or DicomVR.UN)
            return Pad((byte[])(object)values.ToArray());
        var size = vr.ValueSize();
        if (size == 0) throw new ArgumentException($"values cannot be encoded as {vr}");
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++) WriteOne(vr, bytes.AsSpan(i * size, size), values[i]);
        return Pad(bytes);
    }

    private static byte[] Pad(byte[] bytes) => (bytes.Length & 1) == 0 ? bytes : [.. bytes, 0];

    private static void WriteOne<T>(DicomVR vr, Span<byte> d, T value)
    {
        if (value is DicomTag tag)
        {
            if (vr != DicomVR.AT) throw new ArgumentException($"a tag cannot be encoded as {vr}");
            BinaryPrimitives.WriteUInt16LittleEndian(d, tag.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(d[2..], tag.Element);
            return;
        }
        var n = value switch
        {
            IConvertible c => c,
            _ => throw new ArgumentException($"{typeof(T).Name} cannot be encoded as {vr}"),
        };
        var ic = CultureInfo.InvariantCulture;
        switch (vr)
        {
            case DicomVR.OB or DicomVR.UN: d[0] = n.ToByte(ic); break;
            case DicomVR.US or DicomVR.OW: BinaryPrimitives.WriteUInt16LittleEndian(d, n.ToUInt16(ic)); break;
            case DicomVR.SS: BinaryPrimitives.WriteInt16LittleEndian(d, n.ToInt16(ic)); break;
            case DicomVR.UL or DicomVR.OL: BinaryPrimitives.WriteUInt32LittleEndian(d, n.ToUInt32(ic)); break;
            case DicomVR.SL: BinaryPrimitives.WriteInt32LittleEndian(d, n.ToInt32(ic)); break;
            case DicomVR.SV: BinaryPrimitives.WriteInt64LittleEndian(d, n.ToInt64(ic)); break;
            case DicomVR.UV or DicomVR.OV: BinaryPrimitives.WriteUInt64LittleEndian(d, n.ToUInt64(ic)); break;
            case DicomVR.FL or DicomVR.OF: BinaryPrimitives.WriteSingleLittleEndian(d, n.ToSingle(ic)); break;
            case DicomVR.FD or DicomVR.OD: BinaryPrimitives.WriteDoubleLittleEndian(d, n.ToDouble(ic)); break;
            default: throw new ArgumentException($"values cannot be encoded as {vr}");
        }
    }
}
