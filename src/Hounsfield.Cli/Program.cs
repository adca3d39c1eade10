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
root.Subcommands.Add(DicomdirCommand.Create());
root.Subcommands.Add(WorklistCommand.Create());
root.Subcommands.Add(MppsCommand.Create());
root.Subcommands.Add(CommitCommand.Create());
root.Subcommands.Add(QueueCommand.Create());
root.Subcommands.Add(NotificationsCommand.Create());
var parsed = root.Parse(args);
// serve handles SIGINT/SIGTERM itself (graceful stop with a grace period); System.CommandLine would
// otherwise end the process two seconds after the signal.
var invocation = new InvocationConfiguration();
if (parsed.CommandResult.Command.Name == "serve") invocation.ProcessTerminationTimeout = null;
return await parsed.InvokeAsync(invocation);
