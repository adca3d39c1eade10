using System.CommandLine;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// <c>hounsfield worklist find PEER</c>: a Modality Worklist C-FIND with MedDream SendToPACS's conveniences —
/// every attribute of its identifier requested, partial Patient Name and ID matching (<c>*value*</c>,
/// <c>*last*first*</c>), Modality and Scheduled Station AE from the environment, at most 1000 results, and the
/// matches received so far printed when the association drops (exit code 1).
/// </summary>
internal static class WorklistFindCommand
{
    public static Command Create()
    {
        var peer = new Argument<string>("peer") { Description = "The worklist SCP, written AET@HOST:PORT, or a peer named in the client config" };
        var name = new Option<string?>("--patient-name") { Description = "Patient's Name; 'Last^First' matches *Last*First*" };
        var id = new Option<string?>("--patient-id") { Description = "Patient ID (matched as *ID*)" };
        var exact = new Option<bool>("--exact") { Description = "Send --patient-name and --patient-id as typed, without added wildcards" };
        var date = new Option<string?>("--date") { Description = "Scheduled Procedure Step Start Date: YYYYMMDD, a range, or 'today'" };
        var modality = new Option<string?>("--modality") { Description = "Modality (default: $HOUNSFIELD_WORKLIST_MODALITY)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HOUNSFIELD_WORKLIST_MODALITY") };
        var station = new Option<string?>("--station") { Description = "Scheduled Station AE Title (default: $HOUNSFIELD_WORKLIST_STATION)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HOUNSFIELD_WORKLIST_STATION") };
        var keys = new Option<string[]>("-k", "--query-key") { Description = "More keys: Keyword=Value or ScheduledProcedureStepSequence[0].Keyword=Value; without '=' a return key" };
        var charset = new Option<string?>("--charset") { Description = "Specific Character Set of the query, e.g. ISO_IR 192" };
        var resultCharset = new Option<string?>("--result-charset") { Description = "Character set assumed for results that carry no Specific Character Set [default: the peer's fallbackCharset in the client config]" };
        var max = new Option<int>("--max") { Description = "Most results kept; C-CANCEL is sent when reached", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print the matches as a PS3.18 JSON array" };
        var network = new NetworkOptions();
        var command = new Command("find", "Query a Modality Worklist SCP") { peer, name, id, exact, date, modality, station, keys, charset, resultCharset, max, json };
        network.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var identifier = WorklistIdentifier.Create();
            if (parse.GetValue(charset) is { Length: > 0 } cs) identifier.Set(DicomTag.SpecificCharacterSet, cs.Split('\\'));
            var partial = !parse.GetValue(exact);
            if (parse.GetValue(name) is { Length: > 0 } n) identifier.Set(DicomTag.PatientName, partial ? NamePattern(n) : n);
            if (parse.GetValue(id) is { Length: > 0 } i) identifier.Set(DicomTag.PatientID, partial ? $"*{i.Trim('*')}*" : i);
            var step = WorklistIdentifier.Step(identifier);
            if (parse.GetValue(date) is { Length: > 0 } d) step.Set(DicomTag.ScheduledProcedureStepStartDate, d.Equals("today", StringComparison.OrdinalIgnoreCase) ? DateTime.Now.ToString("yyyyMMdd") : d);
            if (parse.GetValue(modality) is { Length: > 0 } m) step.Set(DicomTag.Modality, m);
            if (parse.GetValue(station) is { Length: > 0 } s) step.Set(DicomTag.ScheduledStationAETitle, s);
            QueryKeys.Apply(identifier, parse.GetValue(keys) ?? []);
            var sopClass = DicomUid.ModalityWorklistInformationModelFind.Value;
            var (matches, failure) = await QueryAsync(network.Peer(parse.GetValue(peer)!), network.ToClientOptions(parse, parse.GetValue(peer)!).Propose(sopClass), identifier, parse.GetValue(max), ct);
            if (network.FallbackCharset(parse, parse.GetValue(peer)!, resultCharset) is { } fallback)
                foreach (var match in matches.Where(m => !m.Contains(DicomTag.SpecificCharacterSet))) match.Set(DicomTag.SpecificCharacterSet, fallback.Split('\\'));
            if (parse.GetValue(json)) Console.WriteLine(DicomJson.Serialize(matches));
            else WorklistCommand.WriteTable(matches);
            if (failure is not null) throw new CommandException(failure);
        }));
        return command;
    }

    // MedDream's pattern: *value*, and *last*first* when both parts of a name are given.
    private static string NamePattern(string name)
    {
        var parts = name.Split('^', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Trim('*')).Where(p => p.Length > 0);
        return "*" + string.Join('*', parts) + "*";
    }

    // Matches are kept as they arrive, so an association that drops midway still leaves what came before it.
    private static async Task<(List<DicomDataset> Matches, string? Failure)> QueryAsync(DicomPeer peer, DicomClientOptions options, DicomDataset identifier, int max, CancellationToken ct)
    {
        var matches = new List<DicomDataset>();
        try
        {
            await using var client = await DicomClient.ConnectAsync(peer, options, ct);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            DimseResponse? final = null;
            await foreach (var response in client.SendAsync(new CFindRequest(DicomUid.ModalityWorklistInformationModelFind.Value, identifier), cancel.Token))
            {
                if (response.Status.IsPending && response.Dataset is { } match)
                {
                    if (matches.Count < max || max <= 0) matches.Add(match);
                    if (max > 0 && matches.Count == max && !cancel.IsCancellationRequested) await cancel.CancelAsync();
                }
                else final = response;
            }
            await client.ReleaseAsync(ct);
            if (final is { Status.IsFailure: true }) return (matches, $"worklist C-FIND failed: {final}");
            if (max > 0 && matches.Count >= max) Console.Error.WriteLine($"hounsfield: stopped at --max {max} results");
            return (matches, null);
        }
        catch (Exception e) when (e is DicomNetworkException or IOException or ObjectDisposedException or TimeoutException && matches.Count > 0)
        {
            return (matches, $"the association ended after {matches.Count} result(s): {e.Message}");
        }
    }
}
