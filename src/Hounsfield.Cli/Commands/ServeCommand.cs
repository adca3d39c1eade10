using System.CommandLine;
using System.Runtime.InteropServices;
using Hounsfield.Archive;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield serve</c>: runs the DICOM host until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var aet = new Option<string>("--aet") { Description = "Our AE title", DefaultValueFactory = _ => "HOUNSFIELD" };
        var port = new Option<int>("--port") { Description = "DICOM port", DefaultValueFactory = _ => 11112 };
        var tlsPort = new Option<int?>("--tls-port") { Description = "Also listen with TLS on this port (needs --cert and --key)" };
        var cert = new Option<FileInfo?>("--cert") { Description = "Server certificate (PEM)" };
        var key = new Option<FileInfo?>("--key") { Description = "Server private key (PEM)" };
        var ca = new Option<FileInfo?>("--ca") { Description = "CA bundle (PEM): TLS clients must present a certificate signed by it" };
        var data = new Option<DirectoryInfo>("--data") { Description = "Data folder: instance files and the index", DefaultValueFactory = _ => new DirectoryInfo("hounsfield-data") };
        var database = new Option<string?>("--database") { Description = "Index database: postgres://user:pass@host:port/db or an Npgsql connection string (default: SQLite under --data)" };
        var peers = new Option<string[]>("--peer") { Description = "A known remote AE, AET@HOST:PORT (repeatable): a C-MOVE destination", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Run the archive: Verification, Storage, Query/Retrieve FIND and MOVE; files under --data, index SQLite there or PostgreSQL (--database)") { aet, port, tlsPort, cert, key, ca, data, peers, database };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var options = new DicomHostOptions
            {
                AETitle = parse.GetValue(aet)!,
                Port = parse.GetValue(port),
                TlsPort = parse.GetValue(tlsPort),
                Log = line => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}"),
            };
            if (options.TlsPort is not null)
            {
                var certificate = parse.GetValue(cert) ?? throw new CommandException("--tls-port needs --cert and --key");
                var privateKey = parse.GetValue(key) ?? throw new CommandException("--tls-port needs --key");
                var tls = DicomTlsServerOptions.FromPem(certificate.FullName, privateKey.FullName, parse.GetValue(ca)?.FullName);
                tls.ClientVerification = parse.GetValue(ca) is null ? TlsPeerVerification.None : TlsPeerVerification.Required;
                options.Tls = tls;
            }
            var archiveOptions = new ArchiveOptions { DataDirectory = parse.GetValue(data)!.FullName, Database = parse.GetValue(database) };
            foreach (var peer in parse.GetValue(peers) ?? [])
            {
                var known = DicomPeer.Parse(peer);
                archiveOptions.Peers[known.AETitle] = known;
            }
            await using var archive = ArchiveServer.Create(archiveOptions, options);
            var host = archive.Host;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            await host.StartAsync(stop.Token);
            Console.WriteLine($"{options.AETitle} listening on {string.Join(", ", host.Endpoints)}, data in {parse.GetValue(data)!.FullName}");
            await host.RunAsync(stop.Token);
            Console.WriteLine("stopped");
        }));
        return command;
    }
}
