using System.Text.Json;
using Hounsfield.Archive.Access;
using Hounsfield.Archive.Coercion;
using Hounsfield.Archive.Configuration;
using Hounsfield.Archive.Index;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Archive.Tests.Configuration;

public sealed class ArchiveConfigurationTests
{
    private static string ExamplePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hounsfield.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root not found"), "config", "hounsfield.example.json");
    }

    [Fact]
    public void The_checked_in_example_loads_and_binds_every_section()
    {
        var options = ArchiveConfiguration.Load(ExamplePath());
        Assert.Equal("HOUNSFIELD", options.Network.AETitle);
        Assert.Equal(11112, options.Network.Port);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Network.ShutdownGracePeriod);
        Assert.Equal(DuplicatePolicy.KeepFirst, options.DuplicatePolicy);
        Assert.Equal(2, options.RemoteAEs.Count);
        Assert.False(options.RemoteAEs["MODALITY1"].MoveDestination);
        Assert.Contains(ArchiveService.Worklist, options.RemoteAEs["MODALITY1"].Services!);
        Assert.Equal(2, options.Access.Rules.Count);
        Assert.Equal("10.99.0.0/16", options.Access.Rules[0].Network);
        Assert.Equal(CharacterSetCoercion.AsReceived, options.Coercion.SpecificCharacterSet);
        Assert.Empty(ArchiveConfiguration.Check(options));
    }

    [Fact]
    public void An_empty_file_gives_the_defaults()
    {
        var options = ArchiveConfiguration.Parse("{}");
        var defaults = new ArchiveOptions();
        Assert.Equal(JsonSerializer.Serialize(defaults, ArchiveConfiguration.SerializerOptions), JsonSerializer.Serialize(options, ArchiveConfiguration.SerializerOptions));
        Assert.Equal(Enum.GetValues<ArchiveService>(), options.Access.DefaultServices);
    }

    [Fact]
    public void Every_section_of_ArchiveOptions_round_trips_through_the_file_format()
    {
        // Guards sections added to ArchiveOptions later: each must bind from JSON with no special code.
        var options = new ArchiveOptions { MoveAssociations = 3, Network = { AETitle = "ARCHIVE2", MaxAssociationsPerHost = 4 } };
        options.AdditionalStorageSopClasses.Add("1.2.3.4.5");
        options.Peers["DEST"] = new Hounsfield.Dicom.Network.DicomPeer("DEST", "127.0.0.1", 104);
        options.RemoteAEs["VIEWER"] = new RemoteAEOptions { Host = "viewer", Port = 104, Services = [ArchiveService.Query] };
        var json = JsonSerializer.Serialize(options, ArchiveConfiguration.SerializerOptions);
        var back = ArchiveConfiguration.Parse(json);
        Assert.Equal(json, JsonSerializer.Serialize(back, ArchiveConfiguration.SerializerOptions));
        Assert.Equal("1.2.3.4.5", Assert.Single(back.AdditionalStorageSopClasses));
        Assert.Equal(104, back.Peers["DEST"].Port);
    }

    [Fact]
    public void Comments_trailing_commas_any_case_and_enum_names_are_accepted()
    {
        var options = ArchiveConfiguration.Parse("""
            // comment
            { "duplicatepolicy": "reject", /* block */ "network": { "aetitle": "PACS", "tls": { "port": 2762, "certificate": "c.pem", "privatekey": "k.pem", "clientverification": "optional" }, }, }
            """);
        Assert.Equal(DuplicatePolicy.Reject, options.DuplicatePolicy);
        Assert.Equal("PACS", options.Network.AETitle);
        Assert.Equal(TlsPeerVerification.Optional, options.Network.Tls!.ClientVerification);
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_the_key_and_the_line()
    {
        var e = Assert.Throws<ArchiveConfigurationException>(() => ArchiveConfiguration.Parse("{\n  \"Network\": {\n    \"Prot\": 104\n  }\n}", "hf.json"));
        Assert.Contains("hf.json line 3", e.Message);
        Assert.Contains("unknown key 'Prot'", e.Message);
    }

    [Fact]
    public void A_bad_enum_value_names_the_key_and_the_choices()
    {
        var e = Assert.Throws<ArchiveConfigurationException>(() => ArchiveConfiguration.Parse("{\n\"DuplicatePolicy\": \"KeepLast\"\n}"));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("DuplicatePolicy", e.Message);
        Assert.Contains("KeepFirst, Replace, Reject", e.Message);
    }

    [Fact]
    public void Every_enum_the_file_can_hold_is_written_by_name_and_refused_as_a_number()
    {
        var enums = EnumsReachableFrom(typeof(ArchiveOptions), []).ToList();
        Assert.Contains(typeof(DuplicatePolicy), enums);
        foreach (var type in enums)
        {
            var first = Enum.GetValues(type).GetValue(0)!;
            Assert.Equal($"\"{first}\"", JsonSerializer.Serialize(first, type, ArchiveConfiguration.SerializerOptions));
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("0", type, ArchiveConfiguration.SerializerOptions));
        }
    }

    // Enum types of the public settable or collection properties, through nested option classes,
    // lists, dictionaries and nullables.
    private static IEnumerable<Type> EnumsReachableFrom(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type)) yield break;
        if (type.IsEnum)
        {
            yield return type;
            yield break;
        }
        var inner = type.IsGenericType ? type.GetGenericArguments() : [];
        var properties = type.Namespace?.StartsWith("Hounsfield", StringComparison.Ordinal) == true ? type.GetProperties().Select(p => p.PropertyType) : [];
        foreach (var next in inner.Concat(properties))
            foreach (var found in EnumsReachableFrom(next, seen)) yield return found;
    }

    [Fact]
    public void Routing_settings_alone_read_with_the_same_rules()
    {
        var routing = ArchiveConfiguration.ParseRouting("""{ "rules": [ { "name": "ct", "destinations": [ "PACS2" ] } ], "retryDelay": "00:00:30", }""");
        Assert.Equal("ct", Assert.Single(routing.Rules).Name);
        Assert.Equal(TimeSpan.FromSeconds(30), routing.RetryDelay);
        var e = Assert.Throws<ArchiveConfigurationException>(() => ArchiveConfiguration.ParseRouting("{\n\"Rulez\": []\n}", "routing.json"));
        Assert.Contains("routing.json line 2: unknown key 'Rulez'", e.Message);
    }

    [Fact]
    public void A_bad_number_names_the_key()
    {
        var e = Assert.Throws<ArchiveConfigurationException>(() => ArchiveConfiguration.Parse("""{ "Network": { "Port": "eleven" } }"""));
        Assert.Contains("bad value for Network.Port: expected a whole number", e.Message);
        var duration = Assert.Throws<ArchiveConfigurationException>(() => ArchiveConfiguration.Parse("""{ "Network": { "IdleTimeout": "5 minutes" } }"""));
        Assert.Contains("Network.IdleTimeout: expected a duration", duration.Message);
    }

    [Theory]
    [InlineData("""{ "Access": { "Rules": [ { "Network": "10.0.0.0/33", "Services": [] } ] } }""", "Access.Rules[0].Network")]
    [InlineData("""{ "RemoteAEs": { "X": { "Host": "", "Port": 104 } } }""", "RemoteAEs.X.Host")]
    [InlineData("""{ "RemoteAEs": { "X": { "Host": "h", "Port": 0 } } }""", "RemoteAEs.X.Port")]
    [InlineData("""{ "RemoteAEs": { "X": { "Host": "h", "Port": 1, "Tls": true } } }""", "Network.Tls")]
    [InlineData("""{ "Network": { "AETitle": "WAY_TOO_LONG_AE_TITLE" } }""", "Network.AETitle")]
    public void Inconsistent_settings_are_errors(string json, string named)
    {
        var e = Assert.Throws<ArchiveConfigurationException>(() => ArchiveConfiguration.Parse(json));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Network_settings_become_host_options()
    {
        var options = ArchiveConfiguration.Parse("""{ "Network": { "AETitle": "PACS", "Port": 0, "MaxAssociationsPerCallingAE": 2, "MaxPduLength": 16384, "DimseTimeout": "00:00:05", "ReleaseTimeout": "00:00:07", "BindAddress": "127.0.0.1" } }""");
        var host = options.Network.CreateHostOptions();
        Assert.Equal("PACS", host.AETitle);
        Assert.Equal(0, host.Port);
        Assert.Equal(2, host.Listener.MaxAssociationsPerCallingAE);
        Assert.Equal(16384u, host.Listener.Association.MaxPduLength);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Listener.Association.DimseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), host.Listener.Association.ReleaseTimeout);
        Assert.Equal(System.Net.IPAddress.Loopback, host.BindAddress);
    }
}
