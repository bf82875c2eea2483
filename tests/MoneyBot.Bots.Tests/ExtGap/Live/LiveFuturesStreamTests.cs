using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExtGap.Cli;
using MoneyBot.MarketData;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// The bot on USD-M futures, as the default offline config runs it: its klines come from the simulator's futures
/// paths (<c>/fapi/ws</c>) in the futures forms, and its candles are the exchange's.
/// </summary>
public sealed class LiveFuturesStreamTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_futures_bot_follows_the_fapi_kline_stream_and_processes_the_exchanges_own_candles()
    {
        // Arrange: a 1m candle closes every 100 ms; the spot websocket base leads nowhere, so only /fapi can serve.
        await using var exchange = await Exchange.StartAsync(speed: 600);
        using var dir = new TempDirectory();
        var options = LiveRig.OptionsFor(exchange, dir) with
        {
            Market = Market.UsdFutures,
            Endpoints = new MarketDataEndpoints(
                exchange.BaseUrl,
                exchange.BaseUrl,
                new Uri("ws://127.0.0.1:1/"),
                exchange.FuturesWebSocketUrl
            ),
        };
        await using var rig = LiveRig.Start(options);

        // Act: candles that closed after the bot started come from the stream, not from the backfill.
        var started = exchange.ProcessedUntil;
        await rig.WaitForCandleAfterAsync(started + TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30));
        var exit = await rig.StopAsync();

        // Assert
        Assert.Equal(ExitCodes.Success, exit);
        var candles = rig.Candles.Items;
        LiveAssert.Contiguous(candles);
        var truth = exchange.Truth(candles[0].OpenTime, candles[^1].OpenTime);
        Assert.Equal(
            truth.Select(c => (c.OpenTime, c.Open, c.High, c.Low, c.Close)),
            candles.Select(c => (c.OpenTime.ToUnixTimeMilliseconds(), c.Open, c.High, c.Low, c.Close))
        );
        Assert.Contains(rig.Log.Lines, l =>
            l.Contains("/fapi/ws/btcusdt@kline_1m", StringComparison.Ordinal)
            && l.Contains("-> Connected", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("127.0.0.1:1/", StringComparison.Ordinal));
    }
}
