using System.Diagnostics;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExtGap.Cli;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// The notify protocol: READY, STATUS and WATCHDOG while data flows, none while the stream hangs, STOPPING at the end.
/// </summary>
public sealed class LiveHealthTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_stalled_stream_is_caught_no_candle_is_lost_and_no_watchdog_ping_goes_out_while_it_is_silent()
    {
        // Arrange: a 1m candle every 200 ms; pings every 100 ms while fresh; silent for 1 s means stale.
        await using var exchange = await Exchange.StartAsync(speed: 300);
        using var dir = new TempDirectory();
        using var notify = new NotifyListener();
        var options = LiveRig.OptionsFor(exchange, dir) with
        {
            NotifySocket = notify.Path,
            WatchdogTimeout = TimeSpan.FromMilliseconds(300),
            StaleAfter = TimeSpan.FromSeconds(1),
        };
        await using var rig = LiveRig.Start(options);
        await notify.Datagrams.WaitForAsync(d => d.Has("READY=1"));
        await rig.Candles.WaitUntilAsync(c => c.Count >= 3);
        await notify.Datagrams.WaitUntilAsync(all => all.Count(d => d.Has("WATCHDOG=1")) >= 3);
        var fresh = await notify.MarkAsync("fresh");
        // pinging now, not in a load-induced lull
        await notify.Datagrams.WaitUntilAsync(all => all.Skip(fresh).Any(d => d.Has("WATCHDOG=1")));

        // Act: the exchange stops sending; the stream goes stale, reconnects, goes stale again. Marks put in the
        // socket's queue bracket what the bot sent meanwhile. (Counts start from what the log holds already: on a
        // loaded machine a 1 s staleness may have fired before the stall.)
        // the stream's failure line, one per connection
        const string WentStale = "stale: no message for 1s; next attempt";
        var (stales, withheld) = (Count(rig, WentStale), Count(rig, "WATCHDOG=1 withheld"));
        exchange.Stall(TimeSpan.FromMinutes(1));
        await rig.Log.WaitForAsync(WentStale, count: stales + 1);
        await rig.Log.WaitForAsync("WATCHDOG=1 withheld", count: withheld + 1);
        var silentFrom = await notify.MarkAsync("silent");
        var silence = Stopwatch.StartNew();
        await rig.Log.WaitForAsync(WentStale, count: stales + 2);
        var silentUntil = await notify.MarkAsync("end");
        silence.Stop();
        var resumed = Count(rig, "WATCHDOG=1 resumed");
        exchange.ClearFaults();
        await rig.Log.WaitForAsync("WATCHDOG=1 resumed", count: resumed + 1);
        await rig.WaitForCandleAfterAsync(
            Exchange.Interval.OpenTimeOf(exchange.ProcessedUntil) + TimeSpan.FromMinutes(2)
        );
        var exit = await rig.StopAsync();

        // Assert: no ping while silent, pings before and after; the status said so; nothing lost.
        Assert.Equal(ExitCodes.Success, exit);
        var datagrams = notify.Datagrams.Items;
        var silent = datagrams.Skip(silentFrom).Take(silentUntil - silentFrom).ToList();
        Assert.True(
            silence.Elapsed >= TimeSpan.FromMilliseconds(500),
            $"the silent window ({silence.Elapsed}) is too short to prove anything"
        );
        Assert.False(
            silent.Any(d => d.Has("WATCHDOG=1")),
            "pinged while silent: " + string.Join(" | ", silent.Select(d => d.Text))
        );
        Assert.Contains(datagrams.Take(silentFrom), d => d.Has("WATCHDOG=1"));
        Assert.Contains(datagrams.Skip(silentUntil), d => d.Has("WATCHDOG=1"));
        Assert.Contains(notify.Datagrams.Items, d =>
            d.Status?.Contains("no market data since", StringComparison.Ordinal) == true
        );
        Assert.Contains(notify.Datagrams.Items, d =>
            d.Status?.StartsWith("BTCUSDT 1m · last candle", StringComparison.Ordinal) == true
        );
        await notify.Datagrams.WaitForAsync(d => d.Has("STOPPING=1"));
        Assert.Single(notify.With("READY=1"));

        var candles = rig.Candles.Items;
        LiveAssert.Contiguous(candles);
        var (gaps, trades) = await ReplayOracle.ReplayAsync(exchange, candles[0].OpenTime, candles[^1].OpenTime, dir);
        LiveAssert.SameGaps(gaps, options.GapsPath);
        LiveAssert.SameTrades(trades, options.TradesPath);
        Assert.Single(rig.Log.Lines, l => l.Contains("Telegram messages are off", StringComparison.Ordinal));
    }

    private static int Count(LiveRig rig, string text) =>
        rig.Log.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));
}
