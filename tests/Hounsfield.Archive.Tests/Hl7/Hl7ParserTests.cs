using Hounsfield.Archive.Hl7;

namespace Hounsfield.Archive.Tests.Hl7;

public sealed class Hl7ParserTests
{
    [Fact]
    public void Reads_fields_repetitions_components_and_subcomponents()
    {
        var message = Hl7Parser.Parse("MSH|^~\\&|RIS|HOSP|PACS|HOSP|20240115120000||ORM^O01|MSG1|P|2.3.1\rPID|1||P1^^^HOSP&1.2.3&ISO~P1B^^^OTHER||Doe^John^Q\r");
        Assert.Equal("ORM", message.MessageType);
        Assert.Equal("O01", message.TriggerEvent);
        Assert.Equal("MSG1", message.ControlId);
        Assert.Equal("2.3.1", message.Version);
        Assert.Equal("^~\\&", message.Header.Value(2));
        Assert.Equal("|", message.Header.Value(1));
        var pid = message.Segment("PID")!;
        Assert.Equal("P1", pid.Value(3));
        Assert.Equal("HOSP", pid.Value(3, 4));
        Assert.Equal("1.2.3", pid.Value(3, 4, 2));
        Assert.Equal("P1B", pid.Value(3, 1, 1, repetition: 2));
        Assert.Equal(2, pid.Repetitions(3));
        Assert.Equal("John", pid.Value(5, 2));
        Assert.Equal("", pid.Value(5, 9));
        Assert.Equal("", pid.Value(40));
    }

    [Fact]
    public void Odd_separators_declared_in_msh_are_used()
    {
        var message = Hl7Parser.Parse("MSH#:*!$#RIS#HOSP#PACS#HOSP#20240115##ORM:O01#X9#P#2.5\rPID#1##P1:::A$B*P2##Doe:Ann|Marie");
        Assert.Equal(new Hl7Separators('#', ':', '*', '!', '$'), message.Separators);
        Assert.Equal("O01", message.TriggerEvent);
        var pid = message.Segment("PID")!;
        Assert.Equal("B", pid.Value(3, 4, 2));
        Assert.Equal("P2", pid.Value(3, 1, 1, 2));
        Assert.Equal("Ann|Marie", pid.Value(5, 2));
    }

    [Theory]
    [InlineData("a\\F\\b", "a|b")]
    [InlineData("a\\S\\b\\T\\c\\R\\d\\E\\e", "a^b&c~d\\e")]
    [InlineData("M\\XC3BC\\ller", "Müller")]
    [InlineData("M\\XFC\\ller", "Müller")]
    [InlineData("line1\\.br\\line2", "line1\r\nline2")]
    [InlineData("\\H\\bold\\N\\", "bold")]
    [InlineData("keep \\Q\\ and \\unterminated", "keep \\Q\\ and \\unterminated")]
    public void Escape_sequences_are_decoded(string raw, string expected) =>
        Assert.Equal(expected, Hl7Escaping.Decode(raw, Hl7Separators.Default));

    [Fact]
    public void Escaped_delimiters_do_not_split()
    {
        var message = Hl7Parser.Parse("MSH|^~\\&|A|B|C|D|20240101||ORM^O01|1|P|2.3\rOBR|1|||CT1^CT \\S\\ Chest \\F\\ w/o\\T\\with");
        Assert.Equal("CT ^ Chest | w/o&with", message.Segment("OBR")!.Value(4, 2));
    }

    [Fact]
    public void Encode_round_trips_through_decode()
    {
        const string text = "a|b^c&d~e\\f\rg";
        Assert.Equal(text, Hl7Escaping.Decode(Hl7Escaping.Encode(text, Hl7Separators.Default), Hl7Separators.Default));
    }

    [Fact]
    public void Line_feeds_and_crlf_also_end_segments()
    {
        var message = Hl7Parser.Parse("MSH|^~\\&|A|B|C|D|1||ORM^O01|1|P|2.3\r\nPID|1||P1\nPV1|1|O\r\n");
        Assert.Equal(["MSH", "PID", "PV1"], message.Segments.Select(s => s.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("PID|1||P1\rMSH|^~\\&|A")]
    [InlineData("MSH|^^\\&|A|B")]
    [InlineData("MSH|")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ORM^O01|1|P|2.3\rpid|1")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ORM^O01|1|P|2.3\rPIDX1")]
    public void Malformed_messages_are_rejected(string text)
    {
        var e = Assert.Throws<Hl7Exception>(() => Hl7Parser.Parse(text));
        Assert.True(e.Rejected);
    }
}
