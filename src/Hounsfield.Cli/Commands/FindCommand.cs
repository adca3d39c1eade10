using System.CommandLine;
using System.Text;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield find PEER --level L [--model patient|study|patient-study] -k ...</c>: C-FIND, printed as a table, JSON or CSV.</summary>
internal static class FindCommand
{
    private static readonly Dictionary<string, string> Models = new(StringComparer.OrdinalIgnoreCase)
    {
        ["patient"] = DicomUid.PatientRootQueryRetrieveInformationModelFind.Value,
        ["study"] = DicomUid.StudyRootQueryRetrieveInformationModelFind.Value,
        ["patient-study"] = "1.2.840.10008.5.1.4.1.2.3.1",
    };

    public static Command Create()
    {
        var peer = new Argument<string>("peer") { Description = "The remote AE, written AET@HOST:PORT, or a peer named in the client config" };
        var level = new Option<string>("--level") { Description = "PATIENT, STUDY, SERIES or IMAGE", DefaultValueFactory = _ => "STUDY" };
        var model = new Option<string>("--model") { Description = "Information model: patient, study or patient-study", DefaultValueFactory = _ => "study" };
        var keys = new Option<string[]>("-k", "--query-key") { Description = "Keyword=Value, (gggg,eeee)=Value or Sequence[0].Keyword=Value; without '=' a return key" };
        var charset = new Option<string?>("--charset") { Description = "Specific Character Set of the query, e.g. ISO_IR 192" };
        var fallback = new Option<string?>("--fallback-charset") { Description = "Specific Character Set assumed for responses that carry none (the peer's own), e.g. ISO_IR 100 [default: the peer's fallbackCharset in the client config]" };
        var json = new Option<bool>("--json") { Description = "Print the matches as a PS3.18 JSON array" };
        var csv = new Option<bool>("--csv") { Description = "Print the matches as CSV" };
        var cancelAfter = new Option<int>("--cancel-after") { Description = "Send C-CANCEL after this many matches (0: never)" };
        var network = new NetworkOptions();
        var command = new Command("find", "Query a peer with C-FIND") { peer, level, model, keys, charset, fallback, json, csv, cancelAfter };
        network.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var sopClass = Models.GetValueOrDefault(parse.GetValue(model)!) ?? throw new CommandException("--model must be patient, study or patient-study");
            var assumed = network.FallbackCharset(parse, parse.GetValue(peer)!, fallback);
            var identifier = new DicomDataset();
            if (parse.GetValue(charset) is { Length: > 0 } cs) identifier.Set(DicomTag.SpecificCharacterSet, cs.Split('\\'));
            identifier.Set(DicomTag.QueryRetrieveLevel, parse.GetValue(level)!.ToUpperInvariant());
            QueryKeys.Apply(identifier, parse.GetValue(keys) ?? []);
            var matches = await QueryAsync(network.Peer(parse.GetValue(peer)!), network.ToClientOptions(parse, parse.GetValue(peer)!).Propose(sopClass), sopClass, identifier, parse.GetValue(cancelAfter), ct);
            if (assumed is not null) AssumeCharacterSet(matches, assumed);
            var columns = identifier.Where(e => e.Tag != DicomTag.SpecificCharacterSet && e.Tag != DicomTag.QueryRetrieveLevel).Select(e => e.Tag).ToList();
            if (parse.GetValue(json)) Console.WriteLine(DicomJson.Serialize(matches));
            else if (parse.GetValue(csv)) WriteCsv(Console.Out, columns, matches);
            else WriteTable(Console.Out, columns, matches);
        }));
        return command;
    }

    private static async Task<List<DicomDataset>> QueryAsync(DicomPeer peer, DicomClientOptions options, string sopClass, DicomDataset identifier, int cancelAfter, CancellationToken ct)
    {
        var matches = new List<DicomDataset>();
        await using var client = await DicomClient.ConnectAsync(peer, options, ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        DimseResponse? final = null;
        await foreach (var response in client.SendAsync(new CFindRequest(sopClass, identifier), cancel.Token))
        {
            if (response.Status.IsPending && response.Dataset is { } match)
            {
                matches.Add(match);
                if (cancelAfter > 0 && matches.Count == cancelAfter) await cancel.CancelAsync();
            }
            else final = response;
        }
        await client.ReleaseAsync(ct);
        if (final is { Status.IsFailure: true }) throw new CommandException($"C-FIND failed: {final}");
        return matches;
    }

    // MedDream's rule: a response without (0008,0005) is decoded in the character set configured for the
    // peer rather than the default repertoire; the raw bytes are kept, only their reading changes.
    private static void AssumeCharacterSet(List<DicomDataset> matches, string characterSet)
    {
        var terms = characterSet.Split('\\');
        foreach (var match in matches.Where(m => !m.Contains(DicomTag.SpecificCharacterSet))) match.Set(DicomTag.SpecificCharacterSet, terms);
    }

    internal static void WriteTable(TextWriter output, List<DicomTag> columns, List<DicomDataset> matches)
    {
        var headers = columns.Select(c => c.Keyword ?? c.ToString()).ToList();
        var rows = matches.Select(m => (IReadOnlyList<string>)columns.Select(c => m.GetString(c) ?? "").ToList()).ToList();
        TextTable.Write(output, headers, rows);
        output.WriteLine($"{matches.Count} match(es)");
    }

    private static void WriteCsv(TextWriter output, List<DicomTag> columns, List<DicomDataset> matches)
    {
        static string Cell(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        output.WriteLine(string.Join(',', columns.Select(c => Cell(c.Keyword ?? c.ToString()))));
        foreach (var m in matches) output.WriteLine(string.Join(',', columns.Select(c => Cell(m.GetString(c) ?? ""))));
    }
}
