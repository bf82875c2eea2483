using System.Collections.Concurrent;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Models;
using MoneyBot.MarketData.Rest;

namespace MoneyBot.Dashboard.Sources;

/// <summary>
/// Candles from the exchange a bot trades on (its <c>--rest-url</c>: the simulator offline, Binance live), through
/// the bots' own REST client.
/// </summary>
internal sealed class CandleSource(HttpClient http)
{
    private readonly ConcurrentDictionary<Uri, BinanceRestClient> _clients = new();

    /// <summary>The newest <paramref name="limit"/> candles (the last may be forming), or why there are none.</summary>
    public async Task<(IReadOnlyList<Kline> Candles, string? Error)> GetAsync(
        Uri rest,
        Market market,
        string symbol,
        KlineInterval interval,
        int limit,
        CancellationToken cancellationToken
    )
    {
        var client = _clients.GetOrAdd(rest, url => new BinanceRestClient(
            http,
            new MarketDataEndpoints(url, url, new Uri("ws://unused"), new Uri("ws://unused"))
        )
        {
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var result = await client.GetKlinesAsync(
            market,
            symbol,
            interval,
            limit: limit,
            cancellationToken: cancellationToken
        );
        return result.Ok && result.Value is { } candles
            ? (candles, null)
            : ([], $"no candles from the exchange at {rest}: {result.Description ?? result.Failure.ToString()}");
    }
}
