using System.CommandLine;
using Hounsfield.Archive.StorageCommitment;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// <c>hounsfield commit PEER FILES...|--study UID [--listen PORT]</c>: Storage Commitment N-ACTION,
/// then the report awaited on the same association or, with <c>--listen</c>, on an association the
/// peer opens to us; committed and failed instances printed, exit code 1 when any failed or none came.
/// </summary>
internal static class CommitCommand
{
    public static Command Create()
    {
        var peer = new Argument<string>("peer") { Description = "The remote AE, written AET@HOST:PORT, or a peer named in the client config" };
        var paths = new Argument<string[]>("paths") { Description = "Files and folders whose instances to commit (searched recursively)", Arity = ArgumentArity.ZeroOrMore };
        var study = new Option<string?>("--study") { Description = "Commit every instance the peer has of this Study Instance UID (found with C-FIND at IMAGE level)" };
        var listen = new Option<int?>("--listen") { Description = "Accept the report on this port, from an association the peer opens to our AE title" };
        var network = new NetworkOptions();
        var command = new Command("commit", "Ask a peer to commit instances (Storage Commitment Push Model) and wait for its report; --timeout also bounds the wait for the report") { peer, paths, study, listen };
        network.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var target = network.Peer(parse.GetValue(peer)!);
            var instances = new List<ReferencedSop>();
            if (parse.GetValue(paths) is { Length: > 0 } given)
            {
                var (files, skipped) = FileScanner.Scan(given);
                foreach (var (path, reason) in skipped) Console.Error.WriteLine($"skipped {path}: {reason}");
                instances.AddRange(files.Select(f => new ReferencedSop(
                    f.Dataset.GetString(DicomTag.SOPClassUID) ?? f.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID) ?? "",
                    f.Dataset.GetString(DicomTag.SOPInstanceUID) ?? f.FileMetaInformation.GetString(DicomTag.MediaStorageSOPInstanceUID) ?? "")));
            }
            if (parse.GetValue(study) is { Length: > 0 } studyUid) instances.AddRange(await StudyInstancesAsync(target, network.ToClientOptions(parse, parse.GetValue(peer)!), studyUid, ct));
            if (instances.Count == 0) throw new CommandException("nothing to commit: give files or --study UID");

            var client = network.ToClientOptions(parse, parse.GetValue(peer)!);
            var options = new StorageCommitmentScuOptions
            {
                Client = client,
                // Philips' Storage Commit Max Reply Waiting Time (60 s, the options' default) unless --timeout is given.
                Timeout = parse.GetValue(network.Timeout) is null ? new StorageCommitmentScuOptions().Timeout : client.Association.DimseTimeout,
                ListenPort = parse.GetValue(listen),
                Listening = port => Console.Error.WriteLine($"waiting for the report on port {port}"),
                Log = line => Console.Error.WriteLine(line),
            };
            StorageCommitmentResult result;
            try
            {
                result = await StorageCommitmentScu.RequestAsync(target, instances, options, ct);
            }
            catch (TimeoutException e)
            {
                throw new CommandException(e.Message);
            }
            Print(result);
            if (result.Failed.Count > 0) throw new CommandException($"{result.Failed.Count} of {instances.Count} instance(s) were not committed");
        }));
        return command;
    }

    private static async Task<List<ReferencedSop>> StudyInstancesAsync(DicomPeer peer, DicomClientOptions options, string studyUid, CancellationToken ct)
    {
        var find = DicomUid.StudyRootQueryRetrieveInformationModelFind.Value;
        var identifier = new DicomDataset()
            .Set(DicomTag.QueryRetrieveLevel, "IMAGE")
            .Set(DicomTag.StudyInstanceUID, studyUid)
            .SetEmpty(DicomTag.SeriesInstanceUID)
            .SetEmpty(DicomTag.SOPClassUID)
            .SetEmpty(DicomTag.SOPInstanceUID);
        var instances = new List<ReferencedSop>();
        await using var client = await DicomClient.ConnectAsync(peer, options.Propose(find), ct);
        await foreach (var response in client.SendAsync(new CFindRequest(find, identifier), ct))
        {
            if (response.Status.IsPending && response.Dataset is { } match)
                instances.Add(new ReferencedSop(match.GetString(DicomTag.SOPClassUID) ?? "", match.GetString(DicomTag.SOPInstanceUID) ?? ""));
            else if (response.Status.IsFailure) throw new CommandException($"C-FIND of the study's instances failed: {response}");
        }
        await client.ReleaseAsync(ct);
        if (instances.Count == 0) throw new CommandException($"{peer.AETitle} has no instances of study {studyUid}");
        return instances;
    }

    private static void Print(StorageCommitmentResult result)
    {
        var rows = result.Committed.Select(c => (c.SopInstanceUid, Name(c.SopClassUid), "committed"))
            .Concat(result.Failed.Select(f => (f.SopInstanceUid, Name(f.SopClassUid), $"failed {f.FailureReason:X4}H {Reason(f.FailureReason)}"))).ToList();
        var uidWidth = rows.Select(r => r.Item1.Length).Prepend("SOPInstanceUID".Length).Max();
        var classWidth = rows.Select(r => r.Item2.Length).Prepend("SOPClass".Length).Max();
        Console.WriteLine($"{"SOPInstanceUID".PadRight(uidWidth)}  {"SOPClass".PadRight(classWidth)}  Result");
        Console.WriteLine($"{new string('-', uidWidth)}  {new string('-', classWidth)}  ------");
        foreach (var (uid, sopClass, outcome) in rows) Console.WriteLine($"{uid.PadRight(uidWidth)}  {sopClass.PadRight(classWidth)}  {outcome}");
        Console.WriteLine($"transaction {result.TransactionUid}: event type {result.EventTypeId}, {result.Committed.Count} committed, {result.Failed.Count} failed");
    }

    private static string Name(string sopClass) => DicomUid.Lookup(sopClass).Name;

    private static string Reason(ushort code) => code switch
    {
        FailedSop.ProcessingFailure => "processing failure",
        FailedSop.NoSuchObjectInstance => "no such object instance",
        FailedSop.ClassInstanceConflict => "class-instance conflict",
        0x0122 => "referenced SOP class not supported",
        0x0213 => "resource limitation",
        0x0131 => "duplicate transaction UID",
        _ => "",
    };
}
