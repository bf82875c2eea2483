using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// After every fault the simulated exchange can inject, the feed has lost no candle: in order, no gap, no repeat.
/// </summary>
public sealed class ClosedKlineFeedTests : IAsyncLifetime
{
    private SimulatedExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await Exchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task No_candle_is_lost_when_a_hung_stream_is_caught_by_the_staleness_timeout()
    {
        await using var rig = FeedRig.Start(_exchange, o => o with { StaleAfter = TimeSpan.FromSeconds(1) });
        await rig.Klines.WaitUntilAsync(list => list.Count >= 2);

        _exchange.Stall(TimeSpan.FromMinutes(1));
        await rig.Log.WaitForAsync("stale: no message for 1s");
        _exchange.ClearFaults();
        await rig.Messages.WaitForAsync(m => m is ReconnectedMessage);
        await rig.WaitForMoreKlinesAsync();

        rig.AssertNoLostCandle();
        Assert.True(rig.Feed.Counters.Backfilled >= 1, $"nothing backfilled: {rig.Feed.Counters}");
        Assert.Contains(rig.Log.Lines, l =>
            l.Contains("backfilling from", StringComparison.Ordinal)
            && l.Contains("(reconnected: stale", StringComparison.Ordinal)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task No_candle_is_lost_when_the_connection_drops()
    {
        await using var rig = FeedRig.Start(_exchange);
        await rig.Klines.WaitUntilAsync(list => list.Count >= 2);

        _exchange.DropConnections();
        await rig.Messages.WaitForAsync(m => m is ReconnectedMessage);
        await rig.WaitForMoreKlinesAsync();

        rig.AssertNoLostCandle();
        Assert.Equal(1, rig.Stream.Status.Reconnects);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_candle_is_lost_around_a_malformed_message()
    {
        await using var rig = FeedRig.Start(_exchange);
        await rig.Klines.WaitUntilAsync(list => list.Count >= 2);

        _exchange.SendMalformed();
        await rig.Log.WaitForAsync("skipped malformed message #1");
        await rig.WaitForMoreKlinesAsync();

        rig.AssertNoLostCandle();
        Assert.Equal((1L, 0), (rig.Stream.Status.Malformed, rig.Stream.Status.Reconnects));
    }

    [Fact(Timeout = 30_000)]
    public async Task No_candle_is_lost_while_the_exchange_refuses_connections()
    {
        await using var rig = FeedRig.Start(_exchange);
        await rig.Klines.WaitUntilAsync(list => list.Count >= 2);

        _exchange.Refuse(TimeSpan.FromMinutes(1));
        _exchange.DropConnections();
        await rig.Log.WaitForAsync("503", count: 2);
        // klines close while we are out
        await _exchange.WaitForMarketTimeAsync(_exchange.ProcessedUntil + TimeSpan.FromMinutes(4));
        Assert.Equal(StreamState.Reconnecting, rig.Stream.Status.State);
        _exchange.ClearFaults();
        await rig.Messages.WaitForAsync(m => m is ReconnectedMessage);
        await rig.WaitForMoreKlinesAsync();

        rig.AssertNoLostCandle();
        Assert.True(rig.Feed.Counters.Backfilled >= 3, $"too little backfilled: {rig.Feed.Counters}");
    }

    [Fact(Timeout = 30_000)]
    public async Task No_candle_is_lost_across_planned_reconnects()
    {
        await using var rig = FeedRig.Start(_exchange, o =>
            o with
            {
                MaxConnectionAge = TimeSpan.FromMilliseconds(700),
            }
        );

        await rig.Messages.WaitUntilAsync(list => list.OfType<ReconnectedMessage>().Count() >= 2);
        await rig.WaitForMoreKlinesAsync();

        rig.AssertNoLostCandle();
        Assert.All(rig.Messages.Items.OfType<ReconnectedMessage>(), m =>
            Assert.StartsWith("planned reconnect", m.Reason, StringComparison.Ordinal)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_restart_backfills_every_kline_since_the_saved_one_then_follows_the_stream()
    {
        var saved = Exchange.Interval.OpenTimeOf(_exchange.ProcessedUntil) - TimeSpan.FromMinutes(30);
        await using var rig = FeedRig.Start(_exchange, lastOpenTime: saved);

        await rig.WaitForMoreKlinesAsync();

        var klines = rig.AssertNoLostCandle();
        Assert.Equal(saved + Exchange.Interval.Duration, klines[0].OpenTime);
        Assert.True(
            rig.Feed.Counters.Backfilled >= 29 && rig.Feed.Counters.FromStream >= 1,
            rig.Feed.Counters.ToString()
        );
        Assert.Contains(rig.Log.Lines, l => l.Contains("(start)", StringComparison.Ordinal));
    }
}
