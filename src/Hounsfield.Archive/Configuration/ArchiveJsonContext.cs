using System.Text.Json.Serialization;
using Hounsfield.Archive.Routing;

namespace Hounsfield.Archive.Configuration;

/// <summary>
/// The configuration's JSON metadata, generated at build time so the file binds without reflection
/// (the published command is compiled ahead of time, where reflection-based JSON is unavailable).
/// </summary>
[JsonSerializable(typeof(ArchiveOptions))]
[JsonSerializable(typeof(RoutingOptions))]
internal sealed partial class ArchiveJsonContext : JsonSerializerContext;
