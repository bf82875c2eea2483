using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Telegram;

/// <summary>Pacing, flood control and message age on a manual clock (HTTP on the real one).</summary>
public sealed class TelegramOutboxClockTests : IAsyncLifetime
{
    private readonly TestClock _time = new();
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
    public async Task Messages_to_one_chat_are_paced_one_per_interval()
    {
        await using var outbox = Outbox(TestBot.FastOptions with { ChatInterval = TimeSpan.FromSeconds(1) });

        outbox.Enqueue(new OutgoingMessage(42, "m0"));
        var second = outbox.Enqueue(new OutgoingMessage(42, "m1"));
        await _server.WaitForRequestAsync("sendMessage");
        await _time.WhenTimerPendingAsync();

        Assert.Single(_server.RequestsFor("sendMessage"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await second.Sent);
        Assert.Equal(["m0", "m1"], _server.RequestsFor("sendMessage").Select(r => r.Text));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_group_gets_at_most_its_messages_per_minute()
    {
        await using var outbox = Outbox(TestBot.FastOptions with { GroupMessagesPerMinute = 2 });

        var receipts = outbox.EnqueueAll(-100123, "g0", "g1", "g2");
        await Task.WhenAll(receipts[0].Sent, receipts[1].Sent);
        await _time.WhenTimerPendingAsync();
        _time.Advance(TimeSpan.FromSeconds(59));

        Assert.Equal(1, _time.PendingTimers);
        Assert.Equal(2, _server.RequestsFor("sendMessage").Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await receipts[2].Sent);
    }

    [Fact(Timeout = 30_000)]
    public async Task All_chats_together_get_at_most_the_bots_messages_per_second()
    {
        await using var outbox = Outbox(TestBot.FastOptions with { MessagesPerSecond = 2 });

        var receipts = new long[] { 1, 2, 3 }
            .Select(chat => outbox.Enqueue(new OutgoingMessage(chat, "hello")))
            .ToList();
        await _server.WaitForRequestAsync("sendMessage");
        await _server.WaitForRequestAsync("sendMessage");
        await _time.WhenTimerPendingAsync();

        Assert.Equal(2, _server.RequestsFor("sendMessage").Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.All(await Task.WhenAll(receipts.Select(r => r.Sent)), id => Assert.NotNull(id));
    }

    [Fact(Timeout = 30_000)]
    public async Task Flood_control_resends_the_message_exactly_after_retry_after()
    {
        _server.FailNext("sendMessage", 429, retryAfter: 5);
        await using var outbox = Outbox(TestBot.FastOptions);

        var receipt = outbox.Enqueue(new OutgoingMessage(42, "m0"));
        await _server.WaitForRequestAsync(r => r.Status == 429);
        await _time.WhenTimerPendingAsync();
        _time.Advance(TimeSpan.FromSeconds(4.9));

        Assert.Equal(1, _time.PendingTimers);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.NotNull(await receipt.Sent);
        Assert.Equal(new OutboxCounters(1, 0, 1, 0), outbox.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failing_edit_holds_back_no_reply_to_its_chat_and_is_dropped_once_its_retry_budget_is_spent()
    {
        _server.FailNext("editMessageText", 500, count: 1000);
        await using var outbox = Outbox(
            TestBot.FastOptions with
            {
                RetryBudget = TimeSpan.FromSeconds(10),
                Backoff = TestBot.FixedBackoff(TimeSpan.FromSeconds(4)),
            }
        );

        var edit = outbox.Enqueue(new OutgoingMessage(42, "p1 is running again") { EditMessageId = 77 });
        var reply = outbox.Enqueue(new OutgoingMessage(42, "Programs"));

        Assert.NotNull(await reply.Sent); // at once, while the edit waits for its retry
        Assert.False(edit.Sent.IsCompleted);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await _time.WhenTimerPendingAsync();
            _time.Advance(TimeSpan.FromSeconds(4));
        }

        Assert.Null(await edit.Sent); // failed at 0, 4 and 8 s: a retry at 12 s would be past the budget
        Assert.Equal(3, _server.RequestsFor("editMessageText").Count);
        await outbox.WhenIdleAsync();
        Assert.Equal(new OutboxCounters(1, 1, 2, 0), outbox.Counters);
        Assert.Single(_log.Lines, l => l.Contains("still failing after 3 attempt(s)", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failing_critical_message_moves_behind_newer_messages_and_is_retried_until_delivered()
    {
        _server.FailNext("sendMessage", 500, count: 3, text: "FATAL");
        await using var outbox = Outbox(
            TestBot.FastOptions with
            {
                RetryBudget = TimeSpan.FromSeconds(5),
                Backoff = TestBot.FixedBackoff(TimeSpan.FromSeconds(4)),
            }
        );

        var fatal = outbox.Enqueue(new OutgoingMessage(42, "FATAL") { Critical = true });
        var later = outbox.EnqueueAll(42, "started", "recovered");

        Assert.All(await Task.WhenAll(later.Select(r => r.Sent)), id => Assert.NotNull(id));
        for (var failure = 1; failure <= 3; failure++)
        {
            await _server.WaitForRequestAsync(r => r.Text == "FATAL" && r.Status == 500);
            await _time.WhenTimerPendingAsync();
            _time.Advance(TimeSpan.FromSeconds(4));
        }

        Assert.NotNull(await fatal.Sent); // failed at 0, 4 and 8 s, past its budget: critical, kept, sent at 12 s
        Assert.Equal(
            ["started", "recovered", "FATAL"],
            _server.RequestsFor("sendMessage").Where(r => r.Succeeded).Select(r => r.Text)
        );
        await outbox.WhenIdleAsync();
        Assert.Equal(new OutboxCounters(3, 0, 3, 0), outbox.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task Messages_queued_beyond_their_max_age_are_dropped_unsent_unless_critical()
    {
        _server.FailNext("sendMessage", 429, retryAfter: 20);
        await using var outbox = Outbox(TestBot.FastOptions with { MaxAge = TimeSpan.FromSeconds(10) });

        var first = outbox.Enqueue(new OutgoingMessage(42, "FATAL") { Critical = true });
        var stale = outbox.Enqueue(new OutgoingMessage(42, "recovered"));
        var critical = outbox.Enqueue(new OutgoingMessage(42, "watchdog") { Critical = true });
        await _server.WaitForRequestAsync(r => r.Status == 429);
        await _time.WhenTimerPendingAsync();
        _time.Advance(TimeSpan.FromSeconds(20)); // flood control holds the chat for 20 s

        Assert.NotNull(await first.Sent);
        Assert.Null(await stale.Sent); // 20 s old when its turn came: dropped unsent
        Assert.NotNull(await critical.Sent);
        Assert.Equal(["FATAL", "FATAL", "watchdog"], _server.RequestsFor("sendMessage").Select(r => r.Text));
        Assert.Single(_log.Lines, l => l.Contains("unsent after", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_full_queue_drops_the_oldest_non_critical_message_and_never_a_critical_one()
    {
        _server.FailNext("sendMessage", 429, retryAfter: 4);
        await using var outbox = Outbox(TestBot.FastOptions with { Capacity = 2 });
        var first = outbox.Enqueue(new OutgoingMessage(42, "M0"));
        await _server.WaitForRequestAsync(r => r.Status == 429);
        await _time.WhenTimerPendingAsync(); // M0 is in flight, under flood control: everything below stays queued

        var receipts = new Dictionary<string, OutboxReceipt>();
        foreach (var text in (string[])["C1", "N2", "N3", "N4", "C5", "C6"])
        {
            receipts[text] = outbox.Enqueue(new OutgoingMessage(42, text) { Critical = text.StartsWith('C') });
        }

        var pushedOut = receipts.Where(r => r.Key.StartsWith('N')).Select(r => r.Value.Sent).ToList();
        Assert.All(pushedOut, sent => Assert.True(sent.IsCompleted)); // resolved by Enqueue itself
        Assert.All(await Task.WhenAll(pushedOut), Assert.Null);
        Assert.Equal((3L, 4), (outbox.Counters.Dropped, outbox.Counters.Pending));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.NotNull(await first.Sent);
        Assert.All(await Task.WhenAll(receipts.Where(r => r.Key.StartsWith('C')).Select(r => r.Value.Sent)), id =>
            Assert.NotNull(id)
        );
        Assert.Equal(
            ["M0", "C1", "C5", "C6"],
            _server.RequestsFor("sendMessage").Where(r => r.Succeeded).Select(r => r.Text)
        );
        Assert.Equal(3, _log.Lines.Count(l => l.Contains("outbox full", StringComparison.Ordinal)));
    }

    private TelegramOutbox Outbox(TelegramOutboxOptions options) =>
        new(_client, options, _time, _log.For<TelegramOutbox>());
}
