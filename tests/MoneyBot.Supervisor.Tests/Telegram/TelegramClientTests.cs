using System.Text;
using System.Text.Json;
using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Tests.Telegram;

public sealed class TelegramClientTests : IAsyncLifetime
{
    private FakeTelegramServer _server = null!;
    private TelegramBotClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeTelegramServer.StartAsync();
        _client = TestBot.Client(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task GetMe_returns_the_bot_user_and_calls_the_token_url()
    {
        var me = await _client.GetMeAsync();

        Assert.True(me.Ok, me.Description);
        Assert.Equal(123456789, me.Value.Id);
        Assert.True(me.Value.IsBot);
        Assert.Equal("fake_bot", me.Value.Username);
        Assert.Equal(TestBot.TokenText, (await _server.WaitForRequestAsync("getMe")).Token);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendMessage_posts_chat_text_html_mode_silence_and_buttons_and_returns_the_message()
    {
        var keyboard = InlineKeyboardMarkup.SingleRow(new("Restart", "restart:p1"), new("Stop", "stop:p1"));

        var sent = await _client.SendMessageAsync(42, "<b>p1</b> crashed", disableNotification: true, keyboard);

        Assert.True(sent.Ok, sent.Description);
        Assert.Equal(42, sent.Value.Chat.Id);
        Assert.Equal("private", sent.Value.Chat.Type);
        Assert.Equal("<b>p1</b> crashed", sent.Value.Text);
        var body = (await _server.WaitForRequestAsync("sendMessage")).Json!.Value;
        Assert.Equal(JsonValueKind.Number, body.GetProperty("chat_id").ValueKind);
        Assert.Equal(42, body.GetProperty("chat_id").GetInt64());
        Assert.Equal("HTML", body.GetProperty("parse_mode").GetString());
        Assert.True(body.GetProperty("disable_notification").GetBoolean());
        Assert.Equal(
            "stop:p1",
            body.GetProperty("reply_markup")
                .GetProperty("inline_keyboard")[0][1]
                .GetProperty("callback_data")
                .GetString()
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_channel_name_travels_as_a_string_and_a_numeric_id_as_a_number()
    {
        await _client.SendMessageAsync(ChatId.Parse("@signals"), "gap");
        await _client.SendMessageAsync(ChatId.Parse("-1001234567890"), "gap");

        var byName = (await _server.WaitForRequestAsync("sendMessage")).Json!.Value.GetProperty("chat_id");
        var byId = (await _server.WaitForRequestAsync("sendMessage")).Json!.Value.GetProperty("chat_id");
        Assert.Equal("@signals", byName.GetString());
        Assert.Equal(-1001234567890, byId.GetInt64());
    }

    [Fact(Timeout = 30_000)]
    public async Task EditMessageText_replaces_the_text_of_a_sent_message()
    {
        var sent = await _client.SendMessageAsync(42, "p1 crashed (1x)");

        var edited = await _client.EditMessageTextAsync(42, sent.Value!.MessageId, "p1 crashed (2x)");

        Assert.True(edited.Ok, edited.Description);
        Assert.Equal(sent.Value.MessageId, edited.Value.MessageId);
        Assert.Equal("p1 crashed (2x)", edited.Value.Text);
        var request = await _server.WaitForRequestAsync("editMessageText");
        Assert.Equal(sent.Value.MessageId, request.Long("message_id"));
        Assert.Equal("HTML", request["parse_mode"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task AnswerCallbackQuery_and_SetMyCommands_return_true_and_send_their_fields()
    {
        var answered = await _client.AnswerCallbackQueryAsync("cb501", "restarting p1");
        var commands = await _client.SetMyCommandsAsync([
            new("status", "Programs and states"),
            new("restart", "Restart a program"),
        ]);

        Assert.True(answered.Ok && answered.Value);
        Assert.True(commands.Ok && commands.Value);
        var answer = await _server.WaitForRequestAsync("answerCallbackQuery");
        Assert.Equal("cb501", answer["callback_query_id"]);
        Assert.Equal("restarting p1", answer.Text);
        var menu = (await _server.WaitForRequestAsync("setMyCommands")).Json!.Value.GetProperty("commands");
        Assert.Equal(2, menu.GetArrayLength());
        Assert.Equal("restart", menu[1].GetProperty("command").GetString());
        Assert.Equal("Restart a program", menu[1].GetProperty("description").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task SendDocument_uploads_file_name_content_and_caption_as_multipart()
    {
        var content = Encoding.UTF8.GetBytes("line 1\nline 2 <é>\n");

        var sent = await _client.SendDocumentAsync(42, "p1-stderr.log", content, "<b>p1</b>: last 2 lines");

        Assert.True(sent.Ok, sent.Description);
        var request = await _server.WaitForRequestAsync("sendDocument");
        var file = Assert.Single(request.Files);
        Assert.Equal("document", file.Field);
        Assert.Equal("p1-stderr.log", file.FileName);
        Assert.Equal(content, file.Content.ToArray());
        Assert.Equal("42", request.ChatId);
        Assert.Equal("<b>p1</b>: last 2 lines", request["caption"]);
        Assert.Equal("HTML", request["parse_mode"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Every_method_sends_only_the_fields_the_Bot_API_defines()
    {
        var keyboard = InlineKeyboardMarkup.SingleRow(new InlineKeyboardButton("Stop", "stop:p1"));
        await _client.GetMeAsync();
        await _client.GetUpdatesAsync(5, TimeSpan.Zero, ["message"]);
        await _client.SendMessageAsync(42, "hello", disableNotification: true, keyboard);
        await _client.EditMessageTextAsync(42, 7, "hello again", keyboard);
        await _client.AnswerCallbackQueryAsync("cb1", "done");
        await _client.SetMyCommandsAsync([new("status", "All programs")]);
        await _client.SendAsync(
            new SendDocumentRequest(42, "p1.log", "x"u8.ToArray()) { Caption = "log", DisableNotification = true }
        );

        var requests = _server.Requests;
        Assert.Equal(7, requests.Count);
        Assert.All(requests, r =>
            Assert.True(r.NonApiFields.Count == 0, $"{r.Method}: {string.Join(", ", r.NonApiFields)}")
        );
        Assert.Equal("0", _server.RequestsFor("getUpdates")[0]["timeout"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Multipart_part_names_and_the_file_name_are_quoted_as_RFC_7578_writes_them()
    {
        using var content = new SendDocumentRequest(42, "p1.log", "x"u8.ToArray())
        {
            Caption = "log",
            DisableNotification = true,
        }.CreateContent();

        var body = await content.ReadAsStringAsync();

        foreach (var name in (string[])["chat_id", "caption", "parse_mode", "disable_notification"])
        {
            Assert.Contains($"form-data; name=\"{name}\"\r\n", body, StringComparison.Ordinal);
        }

        Assert.Contains("form-data; name=\"document\"; filename=\"p1.log\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("name=chat_id", body, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetUpdates_returns_queued_messages_and_button_presses_and_an_offset_confirms_them()
    {
        var date = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        _server.EnqueueTextMessage(-100777, "/status p1", fromUserId: 9001, date: date);
        var last = _server.EnqueueCallbackQuery(42, "restart:p1", messageId: 7);

        var got = await _client.GetUpdatesAsync(null, TimeSpan.Zero, ["message", "callback_query"]);
        var after = await _client.GetUpdatesAsync(last + 1, TimeSpan.Zero);

        Assert.True(got.Ok, got.Description);
        Assert.Equal(2, got.Value.Count);
        var message = got.Value[0].Message!;
        Assert.Equal(
            ("/status p1", -100777L, "supergroup", 9001L, date),
            (message.Text, message.Chat.Id, message.Chat.Type, message.From!.Id, message.SentAt)
        );
        var press = got.Value[1].CallbackQuery!;
        Assert.Equal(
            ($"cb{last}", "restart:p1", 7L, 42L),
            (press.Id, press.Data, press.Message!.MessageId, press.From.Id)
        );
        Assert.Equal(last, got.Value[1].UpdateId);
        Assert.True(after.Ok);
        Assert.Empty(after.Value);
        Assert.Equal(0, _server.PendingUpdates);
        var firstPoll = await _server.WaitForRequestAsync("getUpdates");
        Assert.Equal("[\"message\",\"callback_query\"]", firstPoll["allowed_updates"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetUpdates_long_polls_until_an_update_arrives()
    {
        var poll = _client.GetUpdatesAsync(null, TimeSpan.FromSeconds(25));
        var request = await _server.WaitForRequestAsync("getUpdates");
        Assert.False(poll.IsCompleted);

        _server.EnqueueTextMessage(42, "/health");
        var got = await poll;

        Assert.Equal("25", request["timeout"]);
        Assert.True(got.Ok, got.Description);
        Assert.Equal("/health", Assert.Single(got.Value).Message!.Text);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetUpdates_without_updates_answers_an_empty_list_after_its_timeout()
    {
        var got = await _client.GetUpdatesAsync(null, TimeSpan.FromSeconds(1));

        Assert.True(got.Ok, got.Description);
        Assert.Empty(got.Value);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_long_poll_may_outlast_the_ordinary_request_deadline()
    {
        using var impatient = TestBot.Client(_server, TimeSpan.FromMilliseconds(200));

        var got = await impatient.GetUpdatesAsync(null, TimeSpan.FromSeconds(1));

        Assert.True(got.Ok, got.Description);
        Assert.Empty(got.Value);
    }
}
