using System.Text.Json.Serialization;

namespace MoneyBot.ExtGap.State;

/// <summary>Source-generated JSON for the state file (enums as names, indented for a human reader).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(BotState))]
internal sealed partial class BotStateJsonContext : JsonSerializerContext;
