using Hounsfield.Archive.Query;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Query;

public class AttributeMatcherTests
{
    private static readonly DicomDataset Stored = new DicomDataset()
        .Set(DicomTag.SpecificCharacterSet, "ISO_IR 192")
        .Set(DicomTag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう")
        .Set(DicomTag.PatientID, "ID-42")
        .Set(DicomTag.StudyDate, "20240115")
        .Set(DicomTag.StudyTime, "101530.25")
        .Set(DicomTag.AcquisitionDateTime, "20240115101530.250000+0100")
        .Set(DicomTag.StudyInstanceUID, "1.2.3.4")
        .Set(DicomTag.ModalitiesInStudy, "CT", "PT")
        .Set(DicomTag.StudyDescription, "Chest CT");

    private static bool Match(DicomTag tag, DicomVR vr, string value, bool ignoreCase = false)
    {
        var keys = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        if (value.Length == 0) keys.SetEmpty(tag, vr);
        else keys.Set(tag, vr, value);
        return new AttributeMatcher(ignoreCase).Matches(keys, Stored);
    }

    [Theory]
    [InlineData("", true)]                 // universal
    [InlineData("*", true)]
    [InlineData("ID-42", true)]            // single value
    [InlineData("ID-4", false)]
    [InlineData("id-42", false)]           // case-sensitive
    [InlineData("ID-4?", true)]            // wildcards
    [InlineData("I*2", true)]
    [InlineData("*3", false)]
    public void Single_value_universal_and_wildcard(string query, bool expected) =>
        Assert.Equal(expected, Match(DicomTag.PatientID, DicomVR.LO, query));

    [Theory]
    [InlineData("Yamada^Tarou", true)]
    [InlineData("Yamada*", true)]
    [InlineData("山田^太郎", true)]        // any component group
    [InlineData("山田*", true)]
    [InlineData("yamada*", false)]
    [InlineData("Yamada^Tarou=山田^太郎=やまだ^たろう", true)]
    [InlineData("Tanaka*", false)]
    public void Person_names_match_any_component_group(string query, bool expected) =>
        Assert.Equal(expected, Match(DicomTag.PatientName, DicomVR.PN, query));

    [Fact]
    public void Person_names_match_ignoring_case_when_configured() =>
        Assert.True(Match(DicomTag.PatientName, DicomVR.PN, "yamada^TAROU", ignoreCase: true));

    [Theory]
    [InlineData("MULLER^JURGEN", true)]
    [InlineData("muller*", true)]
    [InlineData("M?LLER^J*", true)]
    [InlineData("Müller^Jürgen", true)]
    [InlineData("MILLER*", false)]
    [InlineData("*ØRGEN", false)]
    public void Fuzzy_person_names_ignore_case_and_diacritics(string query, bool expected)
    {
        var stored = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.PatientName, "Müller^Jürgen");
        var keys = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192").Set(DicomTag.PatientName, query);
        Assert.Equal(expected, new AttributeMatcher(fuzzyPersonNames: true).Matches(keys, stored));
        Assert.Equal(query == "Müller^Jürgen", new AttributeMatcher().Matches(keys, stored));
    }

    [Theory]
    [InlineData("José^María", "JOSE^MARIA")]
    [InlineData("Straße", "STRASSE")]
    [InlineData("Søren^Łukasz", "SOREN^LUKASZ")]
    [InlineData("Ærø*", "AERO*")]
    [InlineData("Ἀθηνᾶ", "ΑΘΗΝΑ")]
    [InlineData("Йорк", "ИОРК")]
    [InlineData("山田^ガク", "山田^ガク")]
    [InlineData("Doe^John", "DOE^JOHN")]
    public void The_fuzzy_key_is_upper_case_without_diacritics(string name, string key) =>
        Assert.Equal(key, FuzzySemanticMatching.Key(name));

    [Theory]
    [InlineData("1.2.3.4", true)]
    [InlineData("1.2.3.5\\1.2.3.4", true)]   // list of UID
    [InlineData("1.2.3.5\\1.2.3.6", false)]
    [InlineData("1.2.3.*", false)]           // no wildcards for UIDs
    public void Uid_lists(string query, bool expected) =>
        Assert.Equal(expected, Match(DicomTag.StudyInstanceUID, DicomVR.UI, query));

    [Theory]
    [InlineData("20240101-20240131", true)]
    [InlineData("20240115-20240115", true)]
    [InlineData("20240116-", false)]
    [InlineData("-20240115", true)]
    [InlineData("20240101-", true)]
    [InlineData("-20231231", false)]
    [InlineData("20240115", true)]
    public void Date_ranges_including_open_ended(string query, bool expected) =>
        Assert.Equal(expected, Match(DicomTag.StudyDate, DicomVR.DA, query));

    [Theory]
    [InlineData("1000-1100", true)]
    [InlineData("1015-1015", true)]         // partial time covers the whole minute
    [InlineData("101531-", false)]
    [InlineData("-10", true)]
    public void Time_ranges(string query, bool expected) =>
        Assert.Equal(expected, Match(DicomTag.StudyTime, DicomVR.TM, query));

    [Theory]
    [InlineData("20240115-20240116", true)]
    [InlineData("2024011510-2024011511", true)]
    [InlineData("20240116-", false)]
    public void Date_time_ranges(string query, bool expected) =>
        Assert.Equal(expected, Match(DicomTag.AcquisitionDateTime, DicomVR.DT, query));

    [Theory]
    [InlineData("PT", true)]                // a multi-valued stored attribute matches on any value
    [InlineData("MR", false)]
    [InlineData("MR\\CT", true)]
    public void Multi_valued_attributes_match_any_value(string query, bool expected) =>
        Assert.Equal(expected, Match(DicomTag.ModalitiesInStudy, DicomVR.CS, query));

    [Fact]
    public void Absent_attributes_match_only_universally()
    {
        Assert.True(Match(DicomTag.AccessionNumber, DicomVR.SH, ""));
        Assert.False(Match(DicomTag.AccessionNumber, DicomVR.SH, "A1"));
    }

    [Fact]
    public void Sequences_match_when_any_item_matches_every_key()
    {
        var stored = new DicomDataset();
        stored.SetSequence(DicomTag.ProcedureCodeSequence,
            new DicomDataset().Set(DicomTag.CodeValue, "A1").Set(DicomTag.CodingSchemeDesignator, "X"),
            new DicomDataset().Set(DicomTag.CodeValue, "B2").Set(DicomTag.CodingSchemeDesignator, "Y"));
        var matcher = new AttributeMatcher();
        DicomDataset Keys(string value, string scheme)
        {
            var keys = new DicomDataset();
            keys.SetSequence(DicomTag.ProcedureCodeSequence, new DicomDataset().Set(DicomTag.CodeValue, value).Set(DicomTag.CodingSchemeDesignator, scheme));
            return keys;
        }
        Assert.True(matcher.Matches(Keys("B2", "Y"), stored));
        Assert.False(matcher.Matches(Keys("B2", "X"), stored));
        Assert.True(matcher.Matches(Keys("B*", "*"), stored));
        var empty = new DicomDataset();
        empty.SetSequence(DicomTag.ProcedureCodeSequence);
        Assert.True(matcher.Matches(empty, stored));
    }
}
