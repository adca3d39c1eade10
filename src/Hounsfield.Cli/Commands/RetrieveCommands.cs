using System.CommandLine;
using System.Globalization;
using System.Net;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield move PEER --dest AET [--listen PORT --out DIR]</c> and <c>hounsfield get PEER --out DIR</c>: C-MOVE and C-GET with progress and a final count.</summary>
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
        var (command, peer, options) = Common("move", "Ask a peer to send matching instances to an AE with C-MOVE; with --listen, receive them ourselves");
        var destination = new Option<string>("--dest") { Description = "The AE title the peer sends to", Required = true };
        var listen = new Option<string?>("--listen") { Description = "[HOST:]PORT: receive the instances ourselves as the --dest AE on this port (the peer must know --dest at this address); with --tls over TLS" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "With --listen: folder for the received files" };
        command.Options.Add(destination);
        command.Options.Add(listen);
        command.Options.Add(output);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var (sopClass, identifier) = options.Build(parse, m => m.Move);
            var request = new CMoveRequest(sopClass, parse.GetValue(destination)!, identifier);
            var target = options.Network.Peer(parse.GetValue(peer)!);
            var client = options.Network.ToClientOptions(parse, parse.GetValue(peer)!).Propose(sopClass);
            if (parse.GetValue(listen) is not { } endpoint)
            {
                if (parse.GetValue(output) is not null) throw new CommandException("--out needs --listen (without it the peer sends to --dest)");
                var final = await RunAsync(target, client, request, ct);
                RetrieveProgress.PrintTable(Console.Out, "C-MOVE", final);
                EnsureComplete("C-MOVE", final, 0);
                return;
            }
            var folder = new InstanceFolder(parse.GetValue(output) ?? throw new CommandException("--listen needs --out DIR"));
            await using var receiver = new MoveReceiver(request.MoveDestination!, ParseEndpoint(endpoint), folder, identifier, client.Association, options.Network.ToServerTls(parse));
            await receiver.StartAsync(ct);
            var last = await RunAsync(target, client, request, ct);
            var expected = (last.Completed ?? 0) + (last.Warning ?? 0);
            var arrived = await receiver.CompleteAsync(expected, client.Association.DimseTimeout, ct);
            RetrieveProgress.PrintTable(Console.Out, "C-MOVE", last, ("received", folder.Saved), ("refused", receiver.Refused));
            if (receiver.Refused > 0) Console.Out.WriteLine($"  {receiver.Refused} instance(s) refused with FE00H: {MoveReceiver.NotRequested}");
            if (!arrived) throw new CommandException($"the peer reported {expected} instance(s) sent but {folder.Saved} arrived");
            EnsureComplete("C-MOVE", last, receiver.Refused);
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
            var folder = new InstanceFolder(parse.GetValue(output)!);
            var client = options.Network.ToClientOptions(parse, parse.GetValue(peer)!).Propose(sopClass);
            // Every storage class, SCP role only: what arrives is decided by the peer (128 contexts at most in all).
            foreach (var storage in InstanceFolder.StorageSopClasses.Take(120))
                client.PresentationContexts.Add(new PresentationContextProposal(storage, DicomClientOptions.DefaultTransferSyntaxes, ScuRole: false, ScpRole: true));
            client.IncomingRequestHandler = (request, _, _) => Task.FromResult(request is CStoreRequest store
                ? folder.Save(store)
                : request.CreateResponse(DimseStatus.UnrecognizedOperation));
            var final = await RunAsync(options.Network.Peer(parse.GetValue(peer)!), client, new CGetRequest(sopClass, identifier), ct);
            RetrieveProgress.PrintTable(Console.Out, "C-GET", final, ("received", folder.Saved));
            EnsureComplete("C-GET", final, 0);
        }));
        return command;
    }

    private static IPEndPoint ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? IPAddress.Any : IPAddress.TryParse(text[..colon], out var address) ? address
            : throw new CommandException($"--listen '{text}': the host must be an IP address");
        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new IPEndPoint(host, port)
            : throw new CommandException($"--listen '{text}' is not [HOST:]PORT");
    }

    private static async Task<DimseRetrieveResponse> RunAsync(DicomPeer peer, DicomClientOptions options, DimseRequest request, CancellationToken ct)
    {
        await using var client = await DicomClient.ConnectAsync(peer, options, ct);
        var progress = new RetrieveProgress();
        DimseRetrieveResponse? last = null;
        await foreach (var response in client.SendAsync(request, ct))
        {
            last = (DimseRetrieveResponse)response;
            if (response.Status.IsPending) progress.Report(last);
        }
        await client.ReleaseAsync(ct);
        return last!;
    }

    // Sub-operations we refused ourselves (not requested) are the peer's failures but not ours.
    private static void EnsureComplete(string operation, DimseRetrieveResponse final, int refusedByUs)
    {
        if (final.Status.IsFailure || final.Status.State == DimseStatusState.Cancel || (final.Failed ?? 0) > refusedByUs)
            throw new CommandException($"{operation} did not complete: {final.Status}{(final.ErrorComment is { } c ? " " + c : "")}"
                + $", {final.Failed ?? 0} sub-operation(s) failed");
    }

    private static (Command Command, Argument<string> Peer, RetrieveOptions Options) Common(string name, string description)
    {
        var peer = new Argument<string>("peer") { Description = "The remote AE, written AET@HOST:PORT, or a peer named in the client config" };
        var options = new RetrieveOptions();
        var command = new Command(name, description) { peer, options.Level, options.Model, options.Keys };
        options.Network.AddTo(command);
        return (command, peer, options);
    }

    private sealed class RetrieveOptions
    {
        public Option<string> Level { get; } = new("--level") { Description = "PATIENT, STUDY, SERIES or IMAGE", DefaultValueFactory = _ => "STUDY" };
        public Option<string> Model { get; } = new("--model") { Description = "Information model: patient, study or patient-study", DefaultValueFactory = _ => "study" };
        public Option<string[]> Keys { get; } = new("-k", "--query-key") { Description = "Keyword=Value or (gggg,eeee)=Value: the unique keys of what to retrieve" };
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
