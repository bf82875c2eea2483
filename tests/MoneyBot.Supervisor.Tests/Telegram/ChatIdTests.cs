using System.Text.Json;
using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Tests.Telegram;

public sealed class ChatIdTests
{
    [Theory]
    [InlineData("123456", 123456L, null, false)]
    [InlineData(" -1001234567890 ", -1001234567890L, null, true)]
    [InlineData("@moneybot_signals", 0L, "@moneybot_signals", true)]
    public void A_chat_id_is_a_number_or_a_channel_name(string text, long id, string? username, bool group)
    {
        var chat = ChatId.Parse(text);

        Assert.Equal((id, username, group), (chat.Id, chat.Username, chat.IsGroupOrChannel));
        Assert.Equal(text.Trim(), chat.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("admins")]
    [InlineData("@")]
    [InlineData("@money-bot")]
    [InlineData("12.5")]
    public void Anything_else_is_refused_with_a_message_saying_what_to_write(string text)
    {
        Assert.False(ChatId.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => ChatId.Parse(text));
        Assert.Contains("@channelname", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_ids_compare_by_value()
    {
        Assert.Equal(ChatId.Parse("42"), (ChatId)42);
        Assert.Equal(ChatId.Parse("@a"), ChatId.Parse("@a"));
        Assert.NotEqual(ChatId.Parse("@a"), ChatId.Parse("@b"));
    }

    [Fact]
    public void Requests_serialise_in_snake_case_without_nulls()
    {
        var json = JsonSerializer.Serialize(
            new SendMessageRequest(-100123, "x"),
            TelegramJsonContext.Default.SendMessageRequest
        );

        Assert.Equal(
            "{\"chat_id\":-100123,\"text\":\"x\",\"parse_mode\":\"HTML\",\"disable_notification\":false}",
            json
        );
    }

    [Fact]
    public void Updates_read_with_unknown_fields_ignored_and_chat_ids_as_numbers_or_strings()
    {
        const string json = """
            {"update_id":9,"something_new":{"a":1},
             "message":{"message_id":3,"date":1700000000,"text":"/help","entities":[{"type":"bot_command"}],
                        "chat":{"id":-100777,"type":"supergroup","title":"Ops","is_forum":false},
                        "from":{"id":5,"is_bot":false,"first_name":"Ann","language_code":"fr"}}}
            """;

        var update = JsonSerializer.Deserialize(json, TelegramJsonContext.Default.Update)!;

        Assert.Equal(
            (9L, "/help", -100777L, "Ops", 5L),
            (
                update.UpdateId,
                update.Message!.Text,
                update.Message.Chat.Id,
                update.Message.Chat.Title,
                update.Message.From!.Id
            )
        );
        Assert.Null(update.CallbackQuery);
    }
}
