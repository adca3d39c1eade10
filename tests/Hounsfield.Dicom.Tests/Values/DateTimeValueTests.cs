namespace Hounsfield.Dicom.Tests.Values;

public class DateTimeValueTests
{
    [Theory]
    [InlineData("20240229", 2024, 2, 29)]
    [InlineData("19000101 ", 1900, 1, 1)]
    [InlineData("1993.08.22", 1993, 8, 22)]
    public void Dates(string text, int y, int m, int d)
    {
        var ds = new DicomDataset().Set(DicomTag.StudyDate, text);
        Assert.Equal(new DateOnly(y, m, d), ds.GetValue<DateOnly>(DicomTag.StudyDate));
        Assert.Equal(new DateTime(y, m, d), ds.GetValue<DateTime>(DicomTag.StudyDate));
    }

    [Theory]
    [InlineData("20230229")]
    [InlineData("2024131")]
    [InlineData("202401")]
    [InlineData("2024-01-01")]
    [InlineData("")]
    public void Bad_dates_do_not_convert(string text) =>
        Assert.False(new DicomDataset().Set(DicomTag.StudyDate, text).TryGetValue<DateOnly>(DicomTag.StudyDate, out _));

    [Theory]
    [InlineData("07", 7, 0, 0, 0)]
    [InlineData("0730", 7, 30, 0, 0)]
    [InlineData("073015", 7, 30, 15, 0)]
    [InlineData("073015.5", 7, 30, 15, 5_000_000)]
    [InlineData("235959.123456", 23, 59, 59, 1_234_560)]
    [InlineData("07:30:15", 7, 30, 15, 0)]
    [InlineData("07:30", 7, 30, 0, 0)]
    public void Times_including_partial_and_ACR_NEMA_forms(string text, int h, int m, int s, long ticks)
    {
        var ds = new DicomDataset().Set(DicomTag.StudyTime, text);
        Assert.Equal(new TimeOnly(h, m, s).Add(TimeSpan.FromTicks(ticks)), ds.GetValue<TimeOnly>(DicomTag.StudyTime));
    }

    [Theory]
    [InlineData("2460")]
    [InlineData("1")]
    [InlineData("12345")]
    [InlineData("120000.")]
    [InlineData("120000.1234567")]
    public void Bad_times_do_not_convert(string text) =>
        Assert.False(new DicomDataset().Set(DicomTag.StudyTime, text).TryGetValue<TimeOnly>(DicomTag.StudyTime, out _));

    [Fact]
    public void Leap_second_is_clamped_into_the_minute()
    {
        var t = new DicomDataset().Set(DicomTag.StudyTime, "235960").GetValue<TimeOnly>(DicomTag.StudyTime);
        Assert.Equal(new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - 1)), t);
    }

    [Theory]
    [InlineData("2024", 2024, 1, 1, 0, 0, 0, 0, 0, false)]
    [InlineData("202402", 2024, 2, 1, 0, 0, 0, 0, 0, false)]
    [InlineData("20240229", 2024, 2, 29, 0, 0, 0, 0, 0, false)]
    [InlineData("2024022913", 2024, 2, 29, 13, 0, 0, 0, 0, false)]
    [InlineData("20240229131415.25", 2024, 2, 29, 13, 14, 15, 250, 0, false)]
    [InlineData("20240229131415+0130", 2024, 2, 29, 13, 14, 15, 0, 90, true)]
    [InlineData("2024-0500", 2024, 1, 1, 0, 0, 0, 0, -300, true)]
    public void Date_times_including_partial_ones_and_offsets(string text, int y, int mo, int d, int h, int mi, int s, int ms, int offsetMinutes, bool hasOffset)
    {
        Assert.True(DicomDateTimeParser.TryParseDateTime(text, out var value, out var offsetGiven));
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, ms, TimeSpan.FromMinutes(offsetMinutes)), value);
        Assert.Equal(hasOffset, offsetGiven);
        var ds = new DicomDataset().Set(DicomTag.AcquisitionDateTime, text);
        Assert.Equal(value, ds.GetValue<DateTimeOffset>(DicomTag.AcquisitionDateTime));
        Assert.Equal(value.DateTime, ds.GetValue<DateTime>(DicomTag.AcquisitionDateTime));
    }

    [Theory]
    [InlineData("20241")]
    [InlineData("2024022")]
    [InlineData("20240230")]
    [InlineData("20240229+01")]
    [InlineData("20240229+1500")]
    public void Bad_date_times_do_not_convert(string text) =>
        Assert.False(DicomDateTimeParser.TryParseDateTime(text, out _, out _));

    [Fact]
    public void Dates_times_and_date_times_are_written_in_DICOM_form()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.StudyDate, new DateOnly(2024, 2, 29));
        ds.Set(DicomTag.StudyTime, new TimeOnly(7, 5, 3));
        ds.Set(DicomTag.ContentTime, new TimeOnly(7, 5, 3, 250));
        ds.Set(DicomTag.AcquisitionDateTime, new DateTimeOffset(2024, 2, 29, 7, 5, 3, TimeSpan.FromHours(-5)));
        ds.Set(DicomTag.SeriesDate, new DateTime(2001, 2, 3, 4, 5, 6));
        Assert.Equal("20240229", ds.GetString(DicomTag.StudyDate));
        Assert.Equal("070503", ds.GetString(DicomTag.StudyTime));
        Assert.Equal("070503.250000", ds.GetString(DicomTag.ContentTime));
        Assert.Equal("20240229070503-0500", ds.GetString(DicomTag.AcquisitionDateTime));
        Assert.Equal("20010203", ds.GetString(DicomTag.SeriesDate));
        Assert.Equal(new TimeOnly(7, 5, 3, 250), ds.GetValue<TimeOnly>(DicomTag.ContentTime));
    }

    [Fact]
    public void Multi_valued_dates()
    {
        var ds = new DicomDataset().Set(DicomTag.CalibrationDate, new DateOnly(2020, 1, 2), new DateOnly(2021, 3, 4));
        Assert.Equal([new DateOnly(2020, 1, 2), new DateOnly(2021, 3, 4)], ds.GetValues<DateOnly>(DicomTag.CalibrationDate));
    }
}
