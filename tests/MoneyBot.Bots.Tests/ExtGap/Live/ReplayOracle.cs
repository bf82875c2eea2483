using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Replay;
using MoneyBot.ExtGap.Trading;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Rest;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// The uninterrupted run to compare with: the exchange's candles fetched by REST, replayed in one go.
/// </summary>
internal static class ReplayOracle
{
    /// <summary>
    /// The closed 1m candles opening from <paramref name="first"/> to <paramref name="last"/>, by REST.
    /// </summary>
    public static Task<IReadOnlyList<Candle>> FetchAsync(
        SimulatedExchangeHost exchange,
        DateTimeOffset first,
        DateTimeOffset last
    ) => FetchAsync(exchange.Endpoints(), first, last);

    /// <summary>Like the overload above, from any exchange's endpoints (a simulator process, say).</summary>
    public static async Task<IReadOnlyList<Candle>> FetchAsync(
        MarketDataEndpoints endpoints,
        DateTimeOffset first,
        DateTimeOffset last
    )
    {
        using var http = new HttpClient();
        var rest = new BinanceRestClient(http, endpoints);
        var klines = await rest.GetClosedKlinesAsync(
            Market.UsdFutures,
            Exchange.Symbol,
            Exchange.Interval,
            first,
            last + Exchange.Interval.Duration
        );
        Assert.True(klines.Ok, klines.Description);
        var candles = klines
            .Value.Select(k => Candle.Create(LiveRig.OneMinute, k.OpenTime, k.Open, k.High, k.Low, k.Close))
            .ToList();
        Assert.Equal(first, candles[0].OpenTime);
        Assert.Equal(last, candles[^1].OpenTime);
        return candles;
    }

    /// <summary>
    /// Replays <paramref name="candles"/> into <paramref name="gapsPath"/> and <paramref name="tradesPath"/>
    /// (optionally saving a state).
    /// </summary>
    public static void Replay(
        IEnumerable<Candle> candles,
        TempDirectory dir,
        string gapsPath,
        string tradesPath,
        string? statePath = null
    )
    {
        var csv = dir.File($"candles-{Guid.NewGuid():N}.csv");
        Fixtures.WriteCandles(csv, candles);
        new ReplayRunner(
            new ReplayOptions(
                csv,
                Exchange.Symbol,
                LiveRig.OneMinute,
                gapsPath,
                tradesPath,
                TradingSettings.Default,
                statePath
            )
        ).Run();
    }

    /// <summary>
    /// Fetches and replays [<paramref name="first"/>, <paramref name="last"/>]; returns the two CSV paths.
    /// </summary>
    public static async Task<(string Gaps, string Trades)> ReplayAsync(
        SimulatedExchangeHost exchange,
        DateTimeOffset first,
        DateTimeOffset last,
        TempDirectory dir
    )
    {
        var (gaps, trades) = (dir.File("expected/gaps.csv"), dir.File("expected/trades.csv"));
        Replay(await FetchAsync(exchange, first, last), dir, gaps, trades);
        return (gaps, trades);
    }
}
