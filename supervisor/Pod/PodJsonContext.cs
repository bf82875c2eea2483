using System.Text.Json.Serialization;

namespace MoneyBot.Supervisor.Pod;

/// <summary>Source-generated JSON for <see cref="PodState"/> (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PodState))]
internal sealed partial class PodJsonContext : JsonSerializerContext;
