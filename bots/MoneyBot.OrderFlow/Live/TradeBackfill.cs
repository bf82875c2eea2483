using MoneyBot.MarketData;
using MoneyBot.MarketData.Models;
using MoneyBot.MarketData.Rest;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// Fetches missing aggregate trades by REST (<c>aggTrades?fromId=</c>, pages of 1000), for an id hole
/// or for the warm-up history at start. A failed page fails the whole fetch (the caller counts it);
/// transient failures are retried a few times with the shared backoff.
/// </summary>
internal sealed class TradeBackfill(
    BinanceRestClient rest,
    Market market,
    TimeProvider time,
    Common.Resilience.BackoffPolicy retry
)
{
    private const int Attempts = 3;

    /// <summary>
    /// Trades with ids from <paramref name="fromId"/> to <paramref name="toId"/> (inclusive), oldest first.
    /// </summary>
    public async Task<FetchedTrades> RangeAsync(
        string symbol,
        long fromId,
        long toId,
        CancellationToken cancellationToken
    )
    {
        var trades = new List<Trade>((int)Math.Min(toId - fromId + 1, 100_000));
        var next = fromId;
        while (next <= toId)
        {
            var limit = (int)Math.Min(GetAggTradesRequest.MaxLimit, toId - next + 1);
            var page = await PageAsync(
                new GetAggTradesRequest(market, symbol) { FromId = next, Limit = limit },
                cancellationToken
            );
            if (!page.Ok)
            {
                return FetchedTrades.Failed(page.Description ?? page.Failure.ToString());
            }

            if (page.Value.Count == 0)
            {
                break; // the exchange has nothing more (yet)
            }

            foreach (var row in page.Value)
            {
                if (row.AggregateTradeId >= next && row.AggregateTradeId <= toId)
                {
                    trades.Add(ToTrade(row));
                    next = row.AggregateTradeId + 1;
                }
            }

            if (page.Value[^1].AggregateTradeId < next - 1 || page.Value.Count < limit)
            {
                break;
            }
        }

        return new FetchedTrades(trades, null);
    }

    /// <summary>
    /// The trades from <paramref name="since"/> up to (not including) the id <paramref name="beforeId"/>, at most
    /// <paramref name="cap"/>, oldest first.
    /// </summary>
    public async Task<FetchedTrades> HistoryAsync(
        string symbol,
        DateTimeOffset since,
        long beforeId,
        int cap,
        CancellationToken cancellationToken
    )
    {
        var first = await PageAsync(
            new GetAggTradesRequest(market, symbol)
            {
                StartTime = since,
                EndTime = since.AddMinutes(59),
                Limit = 1,
            },
            cancellationToken
        );
        if (!first.Ok)
        {
            return FetchedTrades.Failed(first.Description ?? first.Failure.ToString());
        }

        if (first.Value.Count == 0 || first.Value[0].AggregateTradeId >= beforeId)
        {
            return new FetchedTrades([], null);
        }

        var fromId = Math.Max(first.Value[0].AggregateTradeId, beforeId - cap);
        return await RangeAsync(symbol, fromId, beforeId - 1, cancellationToken);
    }

    private async Task<RestResult<IReadOnlyList<AggTrade>>> PageAsync(
        GetAggTradesRequest request,
        CancellationToken cancellationToken
    )
    {
        var backoff = new Common.Resilience.BackoffTracker(retry, Random.Shared.NextDouble);
        for (var attempt = 1; ; attempt++)
        {
            var page = await rest.SendAsync(request, cancellationToken);
            if (page.Ok || !page.IsTransient || attempt == Attempts)
            {
                return page;
            }

            await Task.Delay(page.RetryAfter ?? backoff.NextDelay(TimeSpan.Zero), time, cancellationToken);
        }
    }

    private static Trade ToTrade(AggTrade row) =>
        new(
            row.AggregateTradeId,
            row.TradeTime.ToUnixTimeMilliseconds(),
            row.Price,
            row.Quantity,
            Trade.AggressorOf(row.BuyerIsMaker)
        );
}
