using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

public sealed class StatusEndpointTests
{
    [Fact(Timeout = 30_000)]
    public async Task Status_reports_each_stream_and_each_symbols_feed_honestly()
    {
        // Arrange: BTCUSDT trades for 400 s with a hole; ETHUSDT never traded; the book stream lost its connection.
        await using var rig = await ApiRig.StartAsync("BTCUSDT", "ETHUSDT");
        rig.Feed.Buy(0, 65000m, 1m).Buy(200, 65000m, 1m).Miss(4).Sell(350, 65000m, 2m).Buy(400, 65000m, 1m);
        rig.Feed.Board.RecordBackfill("BTCUSDT", 0, "hole of 4 trades: REST answered 503");
        var failedAt = rig.Feed.Clock.GetUtcNow();
        rig.Streams.Add(
            new StreamReport(
                "book",
                new Uri("ws://127.0.0.1:8090/ws/btcusdt@depth20@100ms"),
                new StreamStatus
                {
                    State = StreamState.Reconnecting,
                    Reconnects = 1,
                    ConsecutiveFailures = 3,
                    LastError = "connect timeout",
                    LastErrorAt = failedAt,
                }
            )
        );

        // Act
        var status = await rig.GetJsonAsync("status");

        // Assert
        Assert.Equal("orderflow", status.GetProperty("bot").GetString());
        Assert.Equal("2025-11-21T12:00:00.000Z", status.GetProperty("started_at").GetString());
        Assert.Equal(400m, status.GetProperty("uptime_seconds").GetDecimal());
        Assert.Equal(3, status.GetProperty("reconnects").GetInt64());
        Assert.Equal("book: connect timeout", status.GetProperty("last_error").GetString());
        Assert.True(status.GetProperty("stale").GetBoolean());
        var streams = status.GetProperty("streams");
        Assert.Equal(
            ["connected", "reconnecting"],
            streams.EnumerateArray().Select(s => s.GetProperty("state").GetString())
        );
        Assert.Equal(3, streams[1].GetProperty("consecutive_failures").GetInt32());

        var btc = status.GetProperty("symbols")[0];
        Assert.Equal("BTCUSDT", btc.GetProperty("symbol").GetString());
        Assert.False(btc.GetProperty("stale").GetBoolean());
        Assert.Equal("2025-11-21T12:06:40.000Z", btc.GetProperty("last_trade_time").GetString());
        Assert.Equal(rig.Feed.T0 + 400_000, btc.GetProperty("last_trade_time_ms").GetInt64());
        Assert.Equal(rig.Feed.T0 + 400_000, btc.GetProperty("last_trade_received_at_ms").GetInt64());
        Assert.Equal(0, btc.GetProperty("feed_lag_ms").GetInt64());
        Assert.Equal(3, btc.GetProperty("trades_300s").GetInt64());
        Assert.Equal(4, btc.GetProperty("trades_total").GetInt64());
        Assert.Equal(50m, btc.GetProperty("covered_seconds").GetDecimal());
        Assert.Equal((1, 4), (btc.GetProperty("gaps").GetInt64(), btc.GetProperty("missed_trades").GetInt64()));
        Assert.Equal(1, btc.GetProperty("backfill_failures").GetInt64());
        Assert.Equal("hole of 4 trades: REST answered 503", btc.GetProperty("last_backfill_error").GetString());

        var eth = status.GetProperty("symbols")[1];
        Assert.True(eth.GetProperty("stale").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, eth.GetProperty("last_trade_time").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, eth.GetProperty("feed_lag_ms").ValueKind);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_symbol_silent_longer_than_the_staleness_timeout_is_reported_stale()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();
        rig.Feed.Buy(0, 65000m, 1m).Buy(5, 65000m, 1m);
        var before = await rig.GetJsonAsync("status");
        rig.Feed.At(16);

        // Act
        var after = await rig.GetJsonAsync("status");

        // Assert
        Assert.False(before.GetProperty("symbols")[0].GetProperty("stale").GetBoolean());
        Assert.True(after.GetProperty("symbols")[0].GetProperty("stale").GetBoolean());
        Assert.Equal("2025-11-21T12:00:16.000Z", after.GetProperty("symbols")[0].GetProperty("time").GetString());
    }
}
