using System.CommandLine;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield move PEER --dest AET</c> and <c>hounsfield get PEER --out DIR</c>: C-MOVE and C-GET with progress and a final count.</summary>
internal static class RetrieveCommands
{
    private static readonly Dictionary<string, (string Move, string Get)> Models = new(StringComparer.OrdinalIgnoreCase)
    {
        ["patient"] = (DicomUid.PatientRootQueryRetrieveInformationModelMove.Value, DicomUid.PatientRootQueryRetrieveInformationModelGet.Value),
        ["study"] = (DicomUid.StudyRootQueryRetrieveInformationModelMove.Value, DicomUid.StudyRootQueryRetrieveInformationModelGet.Value),
        ["patient-study"] = ("1.2.840.10008.5.1.4.1.2.3.2", "1.2.840.10008.5.1.4.1.2.3.3"),
    };

    public static Command CreateMove()
    {
        var (command, peer, options) = Common("move", "Ask a peer to send matching instances to an AE with C-MOVE");
        var destination = new Option<string>("--dest") { Description = "The AE title the peer sends to", Required = true };
        command.Options.Add(destination);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var (sopClass, identifier) = options.Build(parse, m => m.Move);
            var request = new CMoveRequest(sopClass, parse.GetValue(destination)!, identifier);
            await RunAsync(DicomPeer.Parse(parse.GetValue(peer)!), options.Network.ToClientOptions(parse).Propose(sopClass), request, ct);
        }));
        return command;
    }

    public static Command CreateGet()
    {
        var (command, peer, options) = Common("get", "Retrieve matching instances over this association with C-GET");
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the received files", Required = true };
        command.Options.Add(output);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var (sopClass, identifier) = options.Build(parse, m => m.Get);
            var folder = parse.GetValue(output)!;
            folder.Create();
            var client = options.Network.ToClientOptions(parse).Propose(sopClass);
            // Every storage class, SCP role only: what arrives is decided by the peer.
            foreach (var storage in DicomUid.All.Where(u => u.Type == DicomUidType.SopClass && u.Keyword.EndsWith("Storage", StringComparison.Ordinal)).Take(120))
                client.PresentationContexts.Add(new PresentationContextProposal(storage.Value, DicomClientOptions.DefaultTransferSyntaxes, ScuRole: false, ScpRole: true));
            client.IncomingRequestHandler = (request, _, _) =>
            {
                if (request is not CStoreRequest { ReceivedFilePath: { } path } store) return Task.FromResult(request.CreateResponse(DimseStatus.UnrecognizedOperation));
                File.Move(path, Path.Combine(folder.FullName, SafeName(store.AffectedSopInstanceUid) + ".dcm"), overwrite: true);
                return Task.FromResult(request.CreateResponse(DimseStatus.Success));
            };
            await RunAsync(DicomPeer.Parse(parse.GetValue(peer)!), client, new CGetRequest(sopClass, identifier), ct);
        }));
        return command;
    }

    // UIDs are digits and dots; anything else a peer sends is replaced so it cannot leave the folder.
    private static string SafeName(string? uid) =>
        string.IsNullOrEmpty(uid) ? Guid.NewGuid().ToString("N") : new string(uid.Select(c => char.IsAsciiDigit(c) || c == '.' ? c : '_').ToArray());

    private static async Task RunAsync(DicomPeer peer, DicomClientOptions options, DimseRequest request, CancellationToken ct)
    {
        await using var client = await DicomClient.ConnectAsync(peer, options, ct);
        DimseRetrieveResponse? last = null;
        await foreach (var response in client.SendAsync(request, ct))
        {
            last = (DimseRetrieveResponse)response;
            if (response.Status.IsPending && !Console.IsErrorRedirected)
                Console.Error.Write($"\r{last.Completed ?? 0} completed, {last.Failed ?? 0} failed, {last.Warning ?? 0} warning, {last.Remaining ?? 0} remaining ");
        }
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
        await client.ReleaseAsync(ct);
        Console.WriteLine($"{last!.Status}: {last.Completed ?? 0} completed, {last.Failed ?? 0} failed, {last.Warning ?? 0} warning");
        foreach (var uid in last.FailedSopInstanceUids) Console.WriteLine($"  failed: {uid}");
        if (last.Status.IsFailure || (last.Failed ?? 0) > 0)
            throw new CommandException($"{request.CommandField} did not complete: {last.Status}{(last.ErrorComment is { } c ? " " + c : "")}");
    }

    private static (Command Command, Argument<string> Peer, RetrieveOptions Options) Common(string name, string description)
    {
        var peer = new Argument<string>("peer") { Description = "The remote AE, written AET@HOST:PORT" };
        var options = new RetrieveOptions();
        var command = new Command(name, description) { peer, options.Level, options.Model, options.Keys };
        options.Network.AddTo(command);
        return (command, peer, options);
    }

    private sealed class RetrieveOptions
    {
        public Option<string> Level { get; } = new("--level") { Description = "PATIENT, STUDY, SERIES or IMAGE", DefaultValueFactory = _ => "STUDY" };
        public Option<string> Model { get; } = new("--model") { Description = "Information model: patient, study or patient-study", DefaultValueFactory = _ => "study" };
        public Option<string[]> Keys { get; } = new("-k", "--key") { Description = "Keyword=Value or (gggg,eeee)=Value: the unique keys of what to retrieve" };
        public NetworkOptions Network { get; } = new();

        public (string SopClass, DicomDataset Identifier) Build(ParseResult parse, Func<(string Move, string Get), string> pick)
        {
            var model = Models.TryGetValue(parse.GetValue(Model)!, out var m) ? m : throw new CommandException("--model must be patient, study or patient-study");
            var identifier = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, parse.GetValue(Level)!.ToUpperInvariant());
            QueryKeys.Apply(identifier, parse.GetValue(Keys) ?? []);
            return (pick(model), identifier);
        }
    }
}
