using System.CommandLine;
using System.Runtime.InteropServices;
using Hounsfield.Archive;
using Hounsfield.Archive.Configuration;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield serve</c>: runs the archive until SIGINT or SIGTERM, then stops gracefully.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration file (docs/configuration.md); the options below override it" };
        var aet = new Option<string?>("--aet") { Description = "Our AE title (default HOUNSFIELD)" };
        var port = new Option<int?>("--port") { Description = "DICOM port (default 11112)" };
        var tlsPort = new Option<int?>("--tls-port") { Description = "Also listen with TLS on this port (needs --cert and --key)" };
        var cert = new Option<FileInfo?>("--cert") { Description = "Server certificate (PEM)" };
        var key = new Option<FileInfo?>("--key") { Description = "Server private key (PEM)" };
        var ca = new Option<FileInfo?>("--ca") { Description = "CA bundle (PEM): TLS clients must present a certificate signed by it" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Data folder: instance files and the index (default ./hounsfield-data)" };
        var peers = new Option<string[]>("--peer") { Description = "A known remote AE, AET@HOST:PORT (repeatable): a C-MOVE destination, a storage commitment requestor to report to", AllowMultipleArgumentsPerToken = false };
        var commitNew = new Option<string[]>("--commitment-new-association") { Description = "Send this AE's storage commitment reports on a new association (repeatable; * for every AE); otherwise on the same one while it is open" };
        var mllpPort = new Option<int?>("--mllp-port") { Description = "Receive HL7 v2 ORM^O01 orders for the Modality Worklist over MLLP on this port (0: off)" };
        var database = new Option<string?>("--database") { Description = "Index database: postgres://user:pass@host:port/db or an Npgsql connection string (default: SQLite under --data)" };
        var routing = new Option<FileInfo?>("--routing") { Description = "Routing, notification and MPPS-forwarding settings alone (JSON of the Routing section); overrides the config file's" };
        var command = new Command("serve", "Run the archive: Verification, Storage, Query/Retrieve FIND, MOVE and GET, Modality Worklist, MPPS, Storage Commitment; files under --data, index SQLite there or PostgreSQL (--database)")
        {
            config, aet, port, tlsPort, cert, key, ca, data, peers, mllpPort, commitNew, routing, database,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var archiveOptions = LoadConfiguration(parse.GetValue(config));
            var network = archiveOptions.Network;
            if (parse.GetValue(aet) is { } title) network.AETitle = title;
            if (parse.GetValue(port) is { } plain) network.Port = plain;
            if (parse.GetValue(tlsPort) is { } secure) (network.Tls ??= new()).Port = secure;
            if (parse.GetValue(cert) is { } certificate) (network.Tls ??= new()).Certificate = certificate.FullName;
            if (parse.GetValue(key) is { } privateKey) (network.Tls ??= new()).PrivateKey = privateKey.FullName;
            if (parse.GetValue(ca) is { } authorities) (network.Tls ??= new()).CertificateAuthorities = authorities.FullName;
            if (network.Tls is { Port: not null } tls && (tls.Certificate.Length == 0 || tls.PrivateKey.Length == 0))
                throw new CommandException("--tls-port needs --cert and --key");
            if (parse.GetValue(data) is { } folder) archiveOptions.DataDirectory = folder.FullName;
            if (parse.GetValue(database) is { } db) archiveOptions.Database = db;
            if (parse.GetValue(mllpPort) is { } mllp) archiveOptions.Worklist.MllpPort = mllp;
            foreach (var peer in parse.GetValue(peers) ?? [])
            {
                var known = DicomPeer.Parse(peer);
                archiveOptions.RemoteAEs[known.AETitle] = new RemoteAEOptions { Host = known.Host, Port = known.Port };
            }
            foreach (var requestor in parse.GetValue(commitNew) ?? [])
            {
                if (requestor == "*") archiveOptions.StorageCommitment.ReportAssociation = Hounsfield.Archive.StorageCommitment.StorageCommitmentReportAssociation.New;
                else archiveOptions.StorageCommitment.ReportAssociationByAETitle[requestor] = Hounsfield.Archive.StorageCommitment.StorageCommitmentReportAssociation.New;
            }
            if (ArchiveConfiguration.Check(archiveOptions) is { Count: > 0 } problems) throw new CommandException(string.Join("; ", problems));

            var options = network.CreateHostOptions(line => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}"));
            if (parse.GetValue(routing) is { } routingFile) archiveOptions.Routing = RoutingFile.Read(routingFile);
            await using var archive = ArchiveServer.Create(archiveOptions, options);
            var host = archive.Host;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // Both signals start a graceful stop instead of ending the process at once.
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            await host.StartAsync(stop.Token);
            Console.WriteLine($"{options.AETitle} listening on {string.Join(", ", host.Endpoints)}, data in {Path.GetFullPath(archiveOptions.DataDirectory)}");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            Console.WriteLine($"stopping: no new associations, {host.ActiveAssociations} open may finish within {network.ShutdownGracePeriod.TotalSeconds:0.###} s");
            await host.StopAsync(network.ShutdownGracePeriod);
            Console.WriteLine("stopped");

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        }));
        return command;
    }

    private static ArchiveOptions LoadConfiguration(FileInfo? file)
    {
        if (file is null) return new ArchiveOptions();
        try
        {
            return ArchiveConfiguration.Load(file.FullName);
        }
        catch (ArchiveConfigurationException e)
        {
            throw new CommandException(e.Message);
        }
    }
}
