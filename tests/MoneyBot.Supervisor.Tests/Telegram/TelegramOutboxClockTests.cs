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
    public async Task Old_non_critical_messages_are_dropped_while_a_critical_one_is_retried_until_delivered()
    {
        _server.FailNext("sendMessage", 500, count: 4);
        await using var outbox = Outbox(
            TestBot.FastOptions with
            {
                MaxAge = TimeSpan.FromSeconds(10),
                Backoff = TestBot.FixedBackoff(TimeSpan.FromSeconds(4)),
            }
        );

        var info = outbox.Enqueue(new OutgoingMessage(42, "started"));
        var fatal = outbox.Enqueue(new OutgoingMessage(42, "FATAL") { Critical = true });
        var stale = outbox.Enqueue(new OutgoingMessage(42, "recovered"));
        for (var failure = 0; failure < 4; failure++)
        {
            await _server.WaitForRequestAsync(r => r.Status == 500);
            await _time.WhenTimerPendingAsync();
            _time.Advance(TimeSpan.FromSeconds(4));
        }

        Assert.Null(await info.Sent); // 3 failures, then 12s old: dropped
        Assert.NotNull(await fatal.Sent); // failed at 12s too, kept, delivered at 16s
        Assert.Null(await stale.Sent); // 16s old when its turn came: dropped unsent
        Assert.Equal(
            ["started", "started", "started", "FATAL", "FATAL"],
            _server.RequestsFor("sendMessage").Select(r => r.Text)
        );
        await outbox.WhenIdleAsync();
        Assert.Equal(new OutboxCounters(1, 2, 4, 0), outbox.Counters);
        Assert.Equal(2, _log.Lines.Count(l => l.Contains("unsent after", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_full_queue_drops_the_oldest_non_critical_message_and_never_a_critical_one()
    {
        _server.FailNext("sendMessage", 500);
        await using var outbox = Outbox(
            TestBot.FastOptions with
            {
                Capacity = 2,
                Backoff = TestBot.FixedBackoff(TimeSpan.FromSeconds(4)),
            }
        );
        var first = outbox.Enqueue(new OutgoingMessage(42, "M0"));
        await _server.WaitForRequestAsync(r => r.Status == 500);
        await _time.WhenTimerPendingAsync(); // M0 is in flight, waiting to retry: everything below stays queued

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
