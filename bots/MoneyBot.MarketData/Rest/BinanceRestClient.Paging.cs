using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Rest;

/// <summary>Requests that take several pages.</summary>
public sealed partial class BinanceRestClient
{
    /// <summary>
    /// Every closed kline with an open time in [<paramref name="from"/>, <paramref name="to"/>), oldest
    /// first, fetched in pages of Binance's largest size: the backfill after a reconnect or a restart.
    /// The kline opening at <paramref name="to"/> is asked for too: when it exists it proves the one
    /// before it closed. Open klines are left out. A failed page fails the whole call.
    /// </summary>
    public async Task<RestResult<IReadOnlyList<Kline>>> GetClosedKlinesAsync(
        Market market,
        string symbol,
        KlineInterval interval,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        var klines = new List<Kline>();
        if (to <= from)
        {
            return RestResult<IReadOnlyList<Kline>>.Success(klines);
        }

        var pageSize = GetKlinesRequest.MaxLimit(market);
        var cursor = from;
        while (true)
        {
            var page = await GetKlinesAsync(market, symbol, interval, cursor, to, pageSize, cancellationToken);
            if (!page.Ok)
            {
                return page;
            }

            foreach (var kline in page.Value)
            {
                if (kline.IsClosed && kline.OpenTime >= from && kline.OpenTime < to && (klines.Count == 0 || kline.OpenTime > klines[^1].OpenTime))
                {
                    klines.Add(kline);
                }
            }

            if (page.Value.Count < pageSize || page.Value[^1].OpenTime >= to)
            {
                return RestResult<IReadOnlyList<Kline>>.Success(klines);
            }

            var next = page.Value[^1].OpenTime.AddMilliseconds(1);
            if (next <= cursor)
            {
                return RestResult<IReadOnlyList<Kline>>.Fail(RestFailure.InvalidResponse, $"{symbol} klines: paging made no progress at {cursor:O}");
            }

            cursor = next;
        }
    }
}
