using System.Text.Json.Serialization;

namespace Hounsfield.Cli.Commands;

/// <summary>One outbound job as <c>queue list --json</c> prints it.</summary>
internal sealed record QueueJobJson(long Id, string Destination, string Kind, string SopInstanceUid, string? TransferSyntax, string State,
    int Attempts, DateTimeOffset NextAttempt, string? LastError, DateTimeOffset Created, DateTimeOffset Updated);

/// <summary>One received notification as <c>notifications list --json</c> prints it.</summary>
internal sealed record NotificationJson(long Id, DateTimeOffset Received, string CallingAETitle, string SopInstanceUid,
    string StudyInstanceUid, int Instances, string Availability);

/// <summary>The JSON the commands print, generated at build time (the published command has no reflection-based JSON).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<QueueJobJson>))]
[JsonSerializable(typeof(List<NotificationJson>))]
internal sealed partial class CliJson : JsonSerializerContext;
