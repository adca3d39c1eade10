using System.CommandLine;
using Hounsfield.Cli.Commands;

var root = new RootCommand("Hounsfield: a complete DICOM system — toolkit, archive, client tools.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(EchoCommand.Create());
root.Subcommands.Add(StoreCommand.Create());
root.Subcommands.Add(FindCommand.Create());
root.Subcommands.Add(RetrieveCommands.CreateMove());
root.Subcommands.Add(RetrieveCommands.CreateGet());
root.Subcommands.Add(DumpCommand.Create());
root.Subcommands.Add(TranscodeCommand.Create());
root.Subcommands.Add(QueueCommand.Create());
root.Subcommands.Add(NotificationsCommand.Create());
return await root.Parse(args).InvokeAsync();
