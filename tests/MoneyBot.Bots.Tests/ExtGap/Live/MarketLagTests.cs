using MoneyBot.Common.Bots;
using MoneyBot.Common.Notify;
using MoneyBot.ExtGap.Live;
using MoneyBot.MarketData.Models;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// A market behind the bot's saved state: no READY=1, no WATCHDOG=1, a STATUS= that says so and one log line, until
/// the market catches up.
/// </summary>
public sealed class MarketLagTests
{
    private static readonly DateTimeOffset LastProcessed = new(2025, 6, 1, 4, 0, 0, TimeSpan.Zero);

    private static Kline Forming(DateTimeOffset openTime) =>
        new()
        {
            Symbol = "BTCUSDT",
            Interval = "1m",
            OpenTime = openTime,
            CloseTime = openTime.AddMinutes(1).AddMilliseconds(-1),
            Open = 100,
            High = 101,
            Low = 99,
            Close = 100,
            IsClosed = false,
        };

    [Fact(Timeout = 30_000)]
    public async Task While_the_market_is_behind_the_state_no_READY_or_WATCHDOG_goes_out_and_the_status_says_how_far()
    {
        // Arrange: a supervised bot resuming from a state whose last candle opened at 04:00; data flows all along.
        using var listener = new NotifyListener();
        var clock = new TestClock(LastProcessed);
        var log = new CapturingLogger();
        using var health = new HealthReporter(
            new SystemdNotifier(listener.Path, "3000000"),
            TimeSpan.FromSeconds(10),
            clock,
            log
        );
        var lag = new MarketLag(TimeSpan.FromMinutes(1), health, log);
        health.Status("BTCUSDT 1m · last candle 2025-06-01 04:00Z close 100 · 0 gaps this run · flat");
        health.Start(() => clock.GetUtcNow());
        lag.Resuming();

        // Act: the market's forming candle opened at 00:08 (its last closed one at 00:07), then moves on a minute;
        // the watchdog timer fires twice meanwhile.
        lag.Kline(Forming(LastProcessed.AddHours(-3).AddMinutes(-52)), LastProcessed);
        health.MarketData();
        await clock.WhenTimerPendingAsync();
        clock.Advance(health.PingInterval);
        lag.Kline(Forming(LastProcessed.AddHours(-3).AddMinutes(-51)), LastProcessed);
        health.MarketData();
        clock.Advance(health.PingInterval);
        var behindUntil = await listener.MarkAsync("behind");

        // Assert
        var behind = listener.Datagrams.Items.Take(behindUntil).ToList();
        Assert.DoesNotContain(behind, d => d.Has("READY=1") || d.Has("WATCHDOG=1"));
        Assert.Contains(behind, d =>
            d.Status
            == "BTCUSDT 1m · last candle 2025-06-01 04:00Z close 100 · 0 gaps this run · flat · market "
                + "is behind my state by 3h53m"
        );
        Assert.Contains(behind, d =>
            d.Status?.EndsWith("market is behind my state by 3h52m", StringComparison.Ordinal) == true
        );
        Assert.True(lag.IsBehind);
        Assert.Single(log.Lines, l => l.Contains("the market is behind my state by 3h53m", StringComparison.Ordinal));

        // Act: the market reaches the state: its forming candle is the one after the last processed.
        lag.Kline(Forming(LastProcessed.AddMinutes(1)), LastProcessed);
        health.MarketData();
        clock.Advance(health.PingInterval);
        var caughtUp = await listener.MarkAsync("caught up");

        // Assert
        var after = listener.Datagrams.Items.Skip(behindUntil).Take(caughtUp - behindUntil).ToList();
        Assert.Contains(after, d =>
            d.Status == "BTCUSDT 1m · last candle 2025-06-01 04:00Z close 100 · 0 gaps this run · flat"
        );
        Assert.Contains(after, d => d.Has("READY=1"));
        Assert.Contains(after, d => d.Has("WATCHDOG=1"));
        Assert.False(lag.IsBehind);
        Assert.Single(log.Lines, l => l.Contains("the market caught up with my state", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("it was behind by up to 3h53m", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_kline_one_candle_old_at_start_is_not_behind_and_READY_goes_out()
    {
        // Arrange: a closed kline queued while the start's backfill ran (the candle before the last processed).
        using var listener = new NotifyListener();
        var clock = new TestClock(LastProcessed);
        var log = new CapturingLogger();
        using var health = new HealthReporter(new SystemdNotifier(listener.Path), TimeSpan.FromSeconds(10), clock, log);
        var lag = new MarketLag(TimeSpan.FromMinutes(1), health, log);
        lag.Resuming();

        // Act
        lag.Kline(Forming(LastProcessed), LastProcessed);
        health.MarketData();
        var mark = await listener.MarkAsync("ready");

        // Assert
        Assert.Contains(listener.Datagrams.Items.Take(mark), d => d.Has("READY=1"));
        Assert.False(lag.IsBehind);
        Assert.DoesNotContain(log.Lines, l => l.Contains("behind", StringComparison.Ordinal));
    }
}
