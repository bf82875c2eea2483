using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Rest;

/// <summary>Friendly wrappers: each builds one request and sends it through <see cref="SendAsync{T}"/>.</summary>
public sealed partial class BinanceRestClient
{
    /// <summary>
    /// Klines with open times in [<paramref name="startTime"/>, <paramref name="endTime"/>], oldest first; the newest
    /// may be open.
    /// </summary>
    public Task<RestResult<IReadOnlyList<Kline>>> GetKlinesAsync(
        Market market,
        string symbol,
        KlineInterval interval,
        DateTimeOffset? startTime = null,
        DateTimeOffset? endTime = null,
        int? limit = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            new GetKlinesRequest(market, symbol, interval)
            {
                StartTime = startTime,
                EndTime = endTime,
                Limit = limit,
            },
            cancellationToken
        );

    /// <summary>
    /// Aggregate trades from <paramref name="fromId"/>, or within a time range (at most one hour), or the latest;
    /// oldest first.
    /// </summary>
    public Task<RestResult<IReadOnlyList<AggTrade>>> GetAggTradesAsync(
        Market market,
        string symbol,
        long? fromId = null,
        DateTimeOffset? startTime = null,
        DateTimeOffset? endTime = null,
        int? limit = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            new GetAggTradesRequest(market, symbol)
            {
                FromId = fromId,
                StartTime = startTime,
                EndTime = endTime,
                Limit = limit,
            },
            cancellationToken
        );
}
