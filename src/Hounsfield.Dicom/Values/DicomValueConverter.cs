using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom;

/// <summary>Converts value <c>index</c> of an inline value to the .NET type a caller asks for.</summary>
internal static class DicomValueConverter
{
    // typeof(T) comparisons are constants to the JIT, so each instantiation keeps only its own branch.
    public static bool TryConvert<T>(ReadOnlySpan<byte> bytes, DicomVR vr, DicomCharacterSet cs, int index, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(string))
            return Box(DicomValueDecoder.TryGetText(bytes, vr, cs, index, out var s), s, out value);
        if (typeof(T) == typeof(double))
            return Box(DicomValueDecoder.TryGetDouble(bytes, vr, index, out var d), d, out value);
        if (typeof(T) == typeof(float))
            return Box(DicomValueDecoder.TryGetDouble(bytes, vr, index, out var f), (float)f, out value);
        if (typeof(T) == typeof(decimal))
            return Box(DicomValueDecoder.TryGetDouble(bytes, vr, index, out var m), (decimal)m, out value);
        if (typeof(T) == typeof(ulong))
            return Box(DicomValueDecoder.TryGetUInt64(bytes, vr, index, out var u), u, out value);
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(uint) || typeof(T) == typeof(short)
            || typeof(T) == typeof(ushort) || typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte))
            return DicomValueDecoder.TryGetInt64(bytes, vr, index, out var l) && Narrow(l, out value);
        if (typeof(T) == typeof(DicomTag))
            return Box(DicomValueDecoder.TryGetTag(bytes, index, out var tag), tag, out value);
        if (!DicomValueDecoder.TryGetText(bytes, vr, cs, index, out var text)) return false;
        if (typeof(T) == typeof(DateOnly))
            return Box(DicomDateTimeParser.TryParseDate(text, out var date), date, out value);
        if (typeof(T) == typeof(TimeOnly))
            return Box(DicomDateTimeParser.TryParseTime(text, out var time), time, out value);
        if (typeof(T) == typeof(DateTime))
            return TryDateTime(vr, text, out var dt) && Box(true, dt, out value);
        if (typeof(T) == typeof(DateTimeOffset))
            return Box(DicomDateTimeParser.TryParseDateTime(text, out var dto, out _), dto, out value);
        if (typeof(T) == typeof(DicomUid))
            return Box(text.Length > 0, DicomUid.Lookup(text), out value);
        if (typeof(T) == typeof(DicomPersonName))
            return Box(true, DicomPersonName.Parse(text), out value);
        throw new NotSupportedException($"DICOM values cannot be converted to {typeof(T).Name}");
    }

    private static bool TryDateTime(DicomVR vr, string text, out DateTime value)
    {
        value = default;
        switch (vr)
        {
            case DicomVR.DA when DicomDateTimeParser.TryParseDate(text, out var d):
                value = d.ToDateTime(TimeOnly.MinValue);
                return true;
            case DicomVR.TM when DicomDateTimeParser.TryParseTime(text, out var t):
                value = DateOnly.MinValue.ToDateTime(t);
                return true;
            default:
                if (!DicomDateTimeParser.TryParseDateTime(text, out var dto, out _)) return false;
                value = dto.DateTime;
                return true;
        }
    }

    private static bool Narrow<T>(long l, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(long)) return Box(true, l, out value);
        if (typeof(T) == typeof(int)) return Box(l is >= int.MinValue and <= int.MaxValue, (int)l, out value);
        if (typeof(T) == typeof(uint)) return Box(l is >= 0 and <= uint.MaxValue, (uint)l, out value);
        if (typeof(T) == typeof(short)) return Box(l is >= short.MinValue and <= short.MaxValue, (short)l, out value);
        if (typeof(T) == typeof(ushort)) return Box(l is >= 0 and <= ushort.MaxValue, (ushort)l, out value);
        if (typeof(T) == typeof(byte)) return Box(l is >= 0 and <= byte.MaxValue, (byte)l, out value);
        return Box(l is >= sbyte.MinValue and <= sbyte.MaxValue, (sbyte)l, out value);
    }

    // Reinterprets a TSource known (by the typeof checks above) to be T, without boxing value types.
    private static bool Box<TSource, T>(bool ok, TSource source, out T value)
    {
        value = ok ? Unsafe.As<TSource, T>(ref source) : default!;
        return ok;
    }
}
