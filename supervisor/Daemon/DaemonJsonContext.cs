using System.Text.Json.Serialization;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>Source-generated JSON for the state file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DaemonState))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
