using MoneyBot.Common.Resilience;
using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Tests.Telegram;

public sealed class TelegramOutboxTests : IAsyncLifetime
{
    private readonly CapturingLogger _log = new();
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
    public async Task Messages_to_one_chat_arrive_in_order_and_receipts_give_their_message_ids()
    {
        await using var outbox = new TelegramOutbox(_client, TestBot.FastOptions, logger: _log.For<TelegramOutbox>());

        var receipts = Enumerable.Range(0, 10).Select(i => outbox.Enqueue(new OutgoingMessage(42, $"m{i}"))).ToList();
        var ids = await Task.WhenAll(receipts.Select(r => r.Sent));
        await outbox.WhenIdleAsync();

        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => $"m{i}"),
            _server.RequestsFor("sendMessage").Select(r => r.Text)
        );
        Assert.All(ids, id => Assert.NotNull(id));
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(10, ids.Distinct().Count());
        Assert.Equal(new OutboxCounters(10, 0, 0, 0), outbox.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failing_chat_holds_back_no_other_chat()
    {
        _server.FailNext("sendMessage", 500, count: 1000, chatId: "1");
        var options = TestBot.FastOptions with
        {
            Backoff = BackoffPolicy.Default with { Initial = TimeSpan.FromMinutes(1) },
        };
        await using var outbox = new TelegramOutbox(_client, options, logger: _log.For<TelegramOutbox>());

        // critical: retried without a budget, so it is still pending at the end
        var stuck = outbox.Enqueue(new OutgoingMessage(1, "to the failing chat") { Critical = true });
        await _server.WaitForRequestAsync(r => r.ChatId == "1" && r.Status == 500);
        var others = outbox.EnqueueAll(2, "b1", "b2", "b3");
        var ids = await Task.WhenAll(others.Select(r => r.Sent));

        Assert.All(ids, id => Assert.NotNull(id));
        Assert.Equal(
            ["b1", "b2", "b3"],
            _server.RequestsFor("sendMessage").Where(r => r.ChatId == "2").Select(r => r.Text)
        );
        Assert.False(stuck.Sent.IsCompleted);
        Assert.Equal(1, outbox.Counters.Pending);
        await outbox.DisposeAsync();
        Assert.Null(await stuck.Sent);
    }

    [Fact(Timeout = 30_000)]
    public async Task Flood_control_is_waited_out_and_the_same_message_resent_with_nothing_dropped()
    {
        _server.FailNext("sendMessage", 429, retryAfter: 1);
        await using var outbox = new TelegramOutbox(_client, TestBot.FastOptions, logger: _log.For<TelegramOutbox>());

        var receipts = outbox.EnqueueAll(42, "m0", "m1", "m2");
        await Task.WhenAll(receipts.Select(r => r.Sent));

        var sends = _server.RequestsFor("sendMessage");
        Assert.Equal(["m0", "m0", "m1", "m2"], sends.Select(r => r.Text));
        Assert.Equal([429, 200, 200, 200], sends.Select(r => r.Status));
        Assert.True(
            sends[1].ReceivedAt - sends[0].ReceivedAt >= TimeSpan.FromMilliseconds(950),
            "resent before retry_after"
        );
        Assert.Equal(new OutboxCounters(3, 0, 1, 0), outbox.Counters);
        Assert.Contains(_log.Lines, l => l.Contains("flood control", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Server_errors_are_retried_with_growing_backoff_until_delivered()
    {
        _server.FailNext("sendMessage", 502, count: 3);
        var options = TestBot.FastOptions with
        {
            Backoff = new BackoffPolicy(
                TimeSpan.FromMilliseconds(100),
                2,
                TimeSpan.FromSeconds(5),
                0,
                TimeSpan.FromMinutes(1)
            ),
        };
        await using var outbox = new TelegramOutbox(_client, options, logger: _log.For<TelegramOutbox>());

        var id = await outbox.Enqueue(new OutgoingMessage(42, "crashed")).Sent;

        var sends = _server.RequestsFor("sendMessage");
        Assert.NotNull(id);
        Assert.Equal([502, 502, 502, 200], sends.Select(r => r.Status));
        Assert.All(sends, r => Assert.Equal("crashed", r.Text));
        var gaps = sends.Zip(sends.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).ToList();
        Assert.True(
            gaps[0] >= TimeSpan.FromMilliseconds(90)
                && gaps[1] >= TimeSpan.FromMilliseconds(190)
                && gaps[2] >= TimeSpan.FromMilliseconds(390),
            $"gaps {string.Join(", ", gaps)}"
        );
        Assert.Equal(new OutboxCounters(1, 0, 3, 0), outbox.Counters);
        Assert.Equal(3, _log.Lines.Count(l => l.Contains("not sent (Api", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_text_over_4096_characters_goes_out_as_several_messages_in_order_with_the_buttons_on_the_last()
    {
        var text = string.Join('\n', Enumerable.Range(0, 400).Select(i => $"line {i:000} of the health report"));
        var keyboard = InlineKeyboardMarkup.SingleRow(new InlineKeyboardButton("Refresh", "health"));
        await using var outbox = new TelegramOutbox(_client, TestBot.FastOptions, logger: _log.For<TelegramOutbox>());

        var id = await outbox.Enqueue(new OutgoingMessage(42, text) { ReplyMarkup = keyboard }).Sent;

        var parts = _server.RequestsFor("sendMessage");
        Assert.Equal(3, parts.Count); // 400 lines of 30 characters
        Assert.All(parts, p => Assert.True(p.Text!.Length <= 4096));
        Assert.Equal(text, string.Join('\n', parts.Select(p => p.Text)));
        Assert.Equal([false, false, true], parts.Select(p => p["reply_markup"] is not null));
        Assert.NotNull(id);
        Assert.Equal(3, outbox.Counters.Sent);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_edit_goes_out_as_editMessageText_and_an_unchanged_text_counts_as_done()
    {
        _server.FailNext(
            "editMessageText",
            400,
            description: "Bad Request: message is not modified: specified new message content is the same"
        );
        await using var outbox = new TelegramOutbox(_client, TestBot.FastOptions, logger: _log.For<TelegramOutbox>());

        var unchanged = await outbox.Enqueue(new OutgoingMessage(42, "p1 crashed 3x") { EditMessageId = 77 }).Sent;
        var edited = await outbox.Enqueue(new OutgoingMessage(42, "p1 crashed 4x") { EditMessageId = 77 }).Sent;

        Assert.Equal(77, unchanged);
        Assert.Equal(77, edited);
        var request = _server.RequestsFor("editMessageText")[^1];
        Assert.Equal((77L, "p1 crashed 4x"), (request.Long("message_id"), request.Text));
        Assert.Empty(_server.RequestsFor("sendMessage"));
        Assert.Equal(0, outbox.Counters.Dropped);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_document_goes_through_the_outbox_and_is_retried_like_a_message()
    {
        _server.FailNext("sendDocument", 502);
        await using var outbox = new TelegramOutbox(_client, TestBot.FastOptions, logger: _log.For<TelegramOutbox>());
        var content = "line 1\nline 2\n"u8.ToArray();

        var document = outbox.Enqueue(
            new OutgoingMessage(42, "last 2 lines of <b>p1</b>") { Document = new OutgoingDocument("p1.log", content) }
        );
        var after = outbox.Enqueue(new OutgoingMessage(42, "next"));

        Assert.NotNull(await document.Sent);
        Assert.NotNull(await after.Sent);
        var uploads = _server.RequestsFor("sendDocument");
        Assert.Equal([502, 200], uploads.Select(r => r.Status));
        var file = Assert.Single(uploads[1].Files);
        Assert.Equal("p1.log", file.FileName);
        Assert.Equal(content, file.Content.ToArray());
        Assert.Equal(("last 2 lines of <b>p1</b>", "HTML"), (uploads[1]["caption"], uploads[1]["parse_mode"]));
        Assert.Equal(new OutboxCounters(2, 0, 1, 0), outbox.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_message_telegram_refuses_is_dropped_logged_and_counted_and_the_next_one_goes_out()
    {
        _server.FailNext("sendMessage", 403);
        await using var outbox = new TelegramOutbox(_client, TestBot.FastOptions, logger: _log.For<TelegramOutbox>());

        var refused = outbox.Enqueue(new OutgoingMessage(42, "first"));
        var next = outbox.Enqueue(new OutgoingMessage(42, "second"));

        Assert.Null(await refused.Sent);
        Assert.NotNull(await next.Sent);
        Assert.Equal(new OutboxCounters(1, 1, 0, 0), outbox.Counters);
        Assert.Contains(_log.Lines, l => l.Contains("Telegram refused it (403", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Disposing_resolves_unsent_receipts_with_null_is_idempotent_and_later_messages_are_not_queued()
    {
        _server.FailNext("sendMessage", 500, count: 1000);
        var options = TestBot.FastOptions with
        {
            Backoff = BackoffPolicy.Default with { Initial = TimeSpan.FromMinutes(1) },
        };
        var outbox = new TelegramOutbox(_client, options, logger: _log.For<TelegramOutbox>());
        var inFlight = outbox.Enqueue(new OutgoingMessage(42, "first") { Critical = true });
        var queued = outbox.Enqueue(new OutgoingMessage(42, "second") { Critical = true });
        await _log.WaitForAsync("not sent (Api", count: 2); // each failed once and waits a minute for its retry

        await outbox.DisposeAsync();
        await outbox.DisposeAsync();
        var late = outbox.Enqueue(new OutgoingMessage(42, "too late"));

        Assert.Null(await inFlight.Sent);
        Assert.Null(await queued.Sent);
        Assert.Null(await late.Sent);
        Assert.Contains(_log.Lines, l => l.Contains("2 message(s) unsent", StringComparison.Ordinal));
        Assert.Equal(2, _server.RequestsFor("sendMessage").Count);
    }
}
