using Hounsfield.Archive.Routing;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Routing;

public sealed class RoutingRuleTests
{
    private static readonly DicomDataset Ct = new DicomDataset()
        .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.Modality, "CT")
        .Set(DicomTag.StationName, "CT-ROOM-2").Set(DicomTag.BodyPartExamined, "CHEST");

    [Fact]
    public void A_rule_without_conditions_matches_everything()
    {
        Assert.True(new RoutingRule { Destinations = ["X"] }.Matches("MOD", "PACS", Ct));
    }

    [Theory]
    [InlineData("MOD*", null, null, true)]
    [InlineData("OTHER", null, null, false)]
    [InlineData(null, "PACS", null, true)]
    [InlineData(null, "PAC?", null, true)]
    [InlineData(null, "ARCHIVE", null, false)]
    [InlineData(null, null, "CT", true)]
    [InlineData(null, null, "MR", false)]
    public void Association_titles_and_modality_match_with_wildcards(string? calling, string? called, string? modality, bool expected)
    {
        var rule = new RoutingRule { CallingAETitle = calling, CalledAETitle = called, Modality = modality };
        Assert.Equal(expected, rule.Matches("MODALITY1", "PACS", Ct));
    }

    [Fact]
    public void Sop_class_and_attribute_conditions_must_all_hold()
    {
        var rule = new RoutingRule { SopClassUid = "1.2.840.10008.5.1.4.1.1.2", Attributes = ["StationName=CT-ROOM-*", "(0018,0015)=CHEST"] };
        Assert.True(rule.Matches("A", "B", Ct));
        rule.Attributes.Add("BodyPartExamined=HEAD");
        Assert.False(rule.Matches("A", "B", Ct));
        Assert.False(new RoutingRule { SopClassUid = DicomUid.MRImageStorage.Value }.Matches("A", "B", Ct));
    }

    [Fact]
    public void An_empty_value_matches_an_absent_attribute_only()
    {
        Assert.True(new RoutingRule { Attributes = ["AccessionNumber="] }.Matches("A", "B", Ct));
        Assert.False(new RoutingRule { Attributes = ["StationName="] }.Matches("A", "B", Ct));
        Assert.False(new RoutingRule { Attributes = ["AccessionNumber=*"] }.Matches("A", "B", Ct));
    }

    [Fact]
    public void Validation_names_unknown_destinations_bad_conditions_and_syntaxes()
    {
        var options = new RoutingOptions { Rules = [new RoutingRule { Name = "r", Destinations = ["NOPE"] }] };
        Assert.Contains("NOPE", Assert.Throws<InvalidOperationException>(() => options.Validate(["KNOWN"])).Message);
        options.Rules[0].Destinations = ["KNOWN"];
        options.Rules[0].Attributes = ["NotAKeyword=1"];
        Assert.Contains("rule 'r'", Assert.Throws<InvalidOperationException>(() => options.Validate(["KNOWN"])).Message);
        options.Rules[0].Attributes = [];
        options.Rules[0].TransferSyntax = DicomUid.CTImageStorage.Value;
        Assert.Contains("transfer syntax", Assert.Throws<InvalidOperationException>(() => options.Validate(["KNOWN"])).Message);
        options.Rules[0].TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian.Uid.Value;
        options.Validate(["KNOWN"]);
        options.MppsDestinations = ["KNOWN", "B", "C"];
        Assert.Contains("two", Assert.Throws<InvalidOperationException>(() => options.Validate(["KNOWN", "B", "C"])).Message);
    }

    [Fact]
    public void Backoff_doubles_from_the_first_delay_up_to_the_cap()
    {
        var first = TimeSpan.FromSeconds(5);
        var cap = TimeSpan.FromMinutes(1);
        Assert.Equal([5, 10, 20, 40, 60, 60], Enumerable.Range(1, 6).Select(n => RetryBackoff.DelayAfter(n, first, cap).TotalSeconds));
        Assert.Equal(cap, RetryBackoff.DelayAfter(1000, first, cap));
    }
}
