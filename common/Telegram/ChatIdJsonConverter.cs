using System.Text.Json;
using System.Text.Json.Serialization;

namespace MoneyBot.Common.Telegram;

/// <summary>Writes a <see cref="ChatId"/> as a number or an "@name" string; reads either.</summary>
internal sealed class ChatIdJsonConverter : JsonConverter<ChatId>
{
    public override ChatId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return ChatId.FromId(reader.GetInt64());
        }

        if (reader.TokenType == JsonTokenType.String && ChatId.TryParse(reader.GetString(), out var chatId))
        {
            return chatId;
        }

        throw new JsonException("a chat id is a number or an \"@name\" string");
    }

    public override void Write(Utf8JsonWriter writer, ChatId value, JsonSerializerOptions options)
    {
        if (value.Username is { } name)
        {
            writer.WriteStringValue(name);
        }
        else
        {
            writer.WriteNumberValue(value.Id);
        }
    }
}
