using System.Globalization;

namespace Hounsfield.Dicom;

/// <summary>
/// Parses and formats DA, TM and DT values (PS3.5 §6.2), tolerating the ACR-NEMA forms
/// (YYYY.MM.DD, HH:MM:SS) that old files still carry.
/// </summary>
public static class DicomDateTimeParser
{
    /// <summary>Parses a DA value (YYYYMMDD or YYYY.MM.DD).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        s = s.Trim();
        if (s.Length == 10 && s[4] == '.' && s[7] == '.') return TryDate(s[..4], s[5..7], s[8..], out date);
        return s.Length == 8 && TryDate(s[..4], s[4..6], s[6..], out date);
    }

    /// <summary>Parses a TM value (HH[MM[SS[.F{1-6}]]] or HH:MM:SS), missing parts taken as zero.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> s, out TimeOnly time)
    {
        time = default;
        s = s.Trim();
        Span<char> compact = stackalloc char[Math.Min(s.Length, 32)];
        var n = 0;
        foreach (var c in s)
        {
            if (c == ':') continue;
            if (n == compact.Length) return false;
            compact[n++] = c;
        }
        return TryTimeOfDay(compact[..n], out time);
    }

    /// <summary>
    /// Parses a DT value YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX]; the offset is zero when absent,
    /// with <paramref name="hasOffset"/> telling which.
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTimeOffset value, out bool hasOffset)
    {
        value = default;
        hasOffset = false;
        s = s.Trim();
        var offset = TimeSpan.Zero;
        var sign = s.IndexOfAny('+', '-');
        if (sign >= 0)
        {
            var z = s[(sign + 1)..];
            if (z.Length != 4 || !Int(z[..2], out var zh) || !Int(z[2..], out var zm)) return false;
            offset = new TimeSpan(zh, zm, 0) * (s[sign] == '-' ? -1 : 1);
            hasOffset = true;
            s = s[..sign];
        }
        if (s.Length < 4 || !Int(s[..4], out var year)) return false;
        var month = 1;
        var day = 1;
        if (s.Length >= 6 && !Int(s[4..6], out month)) return false;
        if (s.Length >= 8 && !Int(s[6..8], out day)) return false;
        if (s.Length is 5 or 7) return false;
        var time = TimeOnly.MinValue;
        if (s.Length > 8 && !TryTimeOfDay(s[8..], out time)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (offset.Duration() > TimeSpan.FromHours(14)) return false;
        value = new DateTimeOffset(new DateOnly(year, month, day).ToDateTime(time), offset);
        return true;
    }

    /// <summary>Formats a DA value.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Formats a TM value, with a fraction only when there is one.</summary>
    public static string FormatTime(TimeOnly time) =>
        time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HHmmss" : "HHmmss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Formats a DT value, with the UTC offset when <paramref name="includeOffset"/>.</summary>
    public static string FormatDateTime(DateTimeOffset value, bool includeOffset)
    {
        var text = FormatDate(DateOnly.FromDateTime(value.DateTime)) + FormatTime(TimeOnly.FromDateTime(value.DateTime));
        if (!includeOffset) return text;
        var o = value.Offset;
        return text + (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
    }

    private static bool TryDate(ReadOnlySpan<char> y, ReadOnlySpan<char> m, ReadOnlySpan<char> d, out DateOnly date)
    {
        date = default;
        if (!Int(y, out var year) || !Int(m, out var month) || !Int(d, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryTimeOfDay(ReadOnlySpan<char> s, out TimeOnly time)
    {
        time = default;
        var dot = s.IndexOf('.');
        var whole = dot >= 0 ? s[..dot] : s;
        if (whole.Length is not (2 or 4 or 6)) return false;
        if (!Int(whole[..2], out var h)) return false;
        var m = 0;
        var sec = 0;
        if (whole.Length >= 4 && !Int(whole[2..4], out m)) return false;
        if (whole.Length == 6 && !Int(whole[4..6], out sec)) return false;
        if (h > 23 || m > 59 || sec > 60) return false;
        long ticks = 0;
        if (dot >= 0)
        {
            var f = s[(dot + 1)..];
            if (f.Length is 0 or > 6 || !Int(f, out var fraction)) return false;
            for (var i = f.Length; i < 7; i++) fraction *= 10;
            ticks = fraction;
        }
        // A leap second (60) is allowed by DICOM but not by TimeOnly: clamp to the last tick of the minute.
        time = sec == 60
            ? new TimeOnly(h, m, 59).Add(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - 1))
            : new TimeOnly(h, m, sec).Add(TimeSpan.FromTicks(ticks));
        return true;
    }

    private static bool Int(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
