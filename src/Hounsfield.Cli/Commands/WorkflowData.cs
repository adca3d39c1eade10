using System.CommandLine;
using Hounsfield.Archive.Workflow;

namespace Hounsfield.Cli.Commands;

/// <summary>The <c>--data</c> option of commands that read or change the archive's workflow database, running or not.</summary>
internal static class WorkflowData
{
    public static Option<DirectoryInfo> CreateOption() =>
        new("--data") { Description = "The archive's data folder (as given to hounsfield serve)", DefaultValueFactory = _ => new DirectoryInfo("hounsfield-data") };

    // SQLite in WAL mode lets this process and a running server share the file.
    public static WorkflowDatabase Open(DirectoryInfo data)
    {
        if (!data.Exists) throw new CommandException($"{data.FullName} is not an archive data folder (see hounsfield serve --data)");
        return new WorkflowDatabase(Path.Combine(data.FullName, "workflow.sqlite"));
    }
}
