using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hounsfield.Archive.Notifications;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield notifications list</c>: the Instance Availability Notifications the archive received.</summary>
internal static class NotificationsCommand
{
    public static Command Create()
    {
        var data = WorkflowData.CreateOption();
        var json = new Option<bool>("--json") { Description = "Print them as a JSON array" };
        var list = new Command("list", "List received Instance Availability Notifications, oldest first") { data, json };
        list.SetAction(parse => CommandRunner.Run(() =>
        {
            var received = new ReceivedNotifications(WorkflowData.Open(parse.GetValue(data)!)).List();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(received.Select(n => new NotificationJson(n.Id, n.Received, n.CallingAETitle,
                    n.SopInstanceUid, n.StudyInstanceUid, n.InstanceCount, n.Availability)).ToList(), CliJson.Default.ListNotificationJson));
                return;
            }
            TextTable.Write(Console.Out, ["ID", "RECEIVED", "FROM", "STUDY INSTANCE UID", "INSTANCES", "AVAILABILITY"],
                received.Select(n => (IReadOnlyList<string>)[n.Id.ToString(CultureInfo.InvariantCulture),
                    n.Received.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), n.CallingAETitle, n.StudyInstanceUid,
                    n.InstanceCount.ToString(CultureInfo.InvariantCulture), n.Availability]).ToList());
            Console.WriteLine($"{received.Count} notification(s)");
        }));
        var command = new Command("notifications", "Instance Availability Notifications received by the archive's IAN SCP");
        command.Subcommands.Add(list);
        return command;
    }
}
