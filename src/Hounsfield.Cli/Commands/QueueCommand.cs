using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hounsfield.Archive.Routing;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield queue list|retry|clear</c>: the archive's outbound queue, whether the server runs or not.</summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var command = new Command("queue", "Show and manage the outbound queue (routing, notifications, MPPS forwarding)");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRetry());
        command.Subcommands.Add(CreateClear());
        return command;
    }

    private static Command CreateList()
    {
        var data = WorkflowData.CreateOption();
        var json = new Option<bool>("--json") { Description = "Print the jobs as a JSON array" };
        var state = new Option<OutboundJobState?>("--state") { Description = "Only jobs in this state: Pending, InFlight, Done, Failed" };
        var command = new Command("list", "List the jobs, oldest first") { data, json, state };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var jobs = new OutboundQueue(WorkflowData.Open(parse.GetValue(data)!)).List(parse.GetValue(state));
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(jobs.Select(ToJson).ToList(), CliJson.Default.ListQueueJobJson));
            else WriteTable(jobs);
        }));
        return command;
    }

    private static Command CreateRetry()
    {
        var data = WorkflowData.CreateOption();
        var id = new Argument<long?>("id") { Description = "The job to send again now (pending or failed)", Arity = ArgumentArity.ZeroOrOne };
        var failed = new Option<bool>("--failed") { Description = "Every failed job" };
        var command = new Command("retry", "Make a job, or every failed one, due now with its attempts reset") { id, data, failed };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var queue = new OutboundQueue(WorkflowData.Open(parse.GetValue(data)!));
            if (parse.GetValue(failed)) Console.WriteLine($"{queue.RetryFailed()} job(s) pending again");
            else if (parse.GetValue(id) is { } one)
            {
                if (!queue.Retry(one)) throw new CommandException($"no pending or failed job {one}");
                Console.WriteLine($"job {one} pending again");
            }
            else throw new CommandException("give a job id or --failed");
        }));
        return command;
    }

    private static Command CreateClear()
    {
        var data = WorkflowData.CreateOption();
        var id = new Argument<long?>("id") { Description = "The job to remove", Arity = ArgumentArity.ZeroOrOne };
        var done = new Option<bool>("--done") { Description = "Every done job" };
        var failed = new Option<bool>("--failed") { Description = "Every failed job" };
        var command = new Command("clear", "Remove a job, or every done or failed one") { id, data, done, failed };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var queue = new OutboundQueue(WorkflowData.Open(parse.GetValue(data)!));
            if (!parse.GetValue(done) && !parse.GetValue(failed) && parse.GetValue(id) is null) throw new CommandException("give a job id, --done or --failed");
            if (parse.GetValue(done)) Console.WriteLine($"{queue.Clear(OutboundJobState.Done)} done job(s) removed");
            if (parse.GetValue(failed)) Console.WriteLine($"{queue.Clear(OutboundJobState.Failed)} failed job(s) removed");
            if (parse.GetValue(id) is { } one)
            {
                if (!queue.Remove(one)) throw new CommandException($"no job {one}");
                Console.WriteLine($"job {one} removed");
            }
        }));
        return command;
    }

    private static QueueJobJson ToJson(OutboundJob job) => new(job.Id, job.Destination, job.Kind.ToString(), job.SopInstanceUid,
        job.TransferSyntax, job.State.ToString(), job.Attempts, job.NextAttempt, job.LastError, job.Created, job.Updated);

    private static void WriteTable(IReadOnlyList<OutboundJob> jobs)
    {
        static string Time(DateTimeOffset t) => t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        TextTable.Write(Console.Out, ["ID", "STATE", "KIND", "DESTINATION", "SOP INSTANCE UID", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR"],
            jobs.Select(j => (IReadOnlyList<string>)[j.Id.ToString(CultureInfo.InvariantCulture), j.State.ToString(), j.Kind.ToString(), j.Destination,
                j.SopInstanceUid, j.Attempts.ToString(CultureInfo.InvariantCulture), j.State == OutboundJobState.Pending ? Time(j.NextAttempt) : "", j.LastError ?? ""]).ToList());
        Console.WriteLine($"{jobs.Count} job(s)");
    }
}
