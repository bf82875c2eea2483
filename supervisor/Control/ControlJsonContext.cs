using System.Text.Json.Serialization;

namespace MoneyBot.Supervisor.Control;

/// <summary>Source-generated JSON for the control protocol and <c>status --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
[JsonSerializable(typeof(IReadOnlyList<ProgramStatusDto>))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
