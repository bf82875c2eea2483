using System.Text.Json.Serialization;

namespace MoneyBot.Common.Telegram;

/// <summary>Source-generated JSON for the Bot API: snake_case names, nulls left out, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
)]
[JsonSerializable(typeof(TelegramResponse<User>), TypeInfoPropertyName = "UserResponse")]
[JsonSerializable(typeof(TelegramResponse<Message>), TypeInfoPropertyName = "MessageResponse")]
[JsonSerializable(typeof(TelegramResponse<bool>), TypeInfoPropertyName = "BooleanResponse")]
[JsonSerializable(typeof(TelegramResponse<IReadOnlyList<Update>>), TypeInfoPropertyName = "UpdatesResponse")]
[JsonSerializable(typeof(GetMeRequest))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(EditMessageTextRequest))]
[JsonSerializable(typeof(AnswerCallbackQueryRequest))]
[JsonSerializable(typeof(GetUpdatesRequest))]
[JsonSerializable(typeof(SetMyCommandsRequest))]
[JsonSerializable(typeof(Update))]
public sealed partial class TelegramJsonContext : JsonSerializerContext { }
