using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Rest;

/// <summary>Requests that take several pages.</summary>
public sealed partial class BinanceRestClient
{
    /// <summary>
    /// Every closed kline with an open time from <paramref name="from"/> and before <paramref name="to"/>
    /// (or up to the exchange's present when null), oldest first, fetched in pages of Binance's largest
    /// size: the backfill after a reconnection or a restart. A kline counts as closed only when the
    /// exchange has a later one (the kline opening at <paramref name="to"/> is asked for to prove it),
    /// so no local clock decides and a forming kline is never returned. A failed page fails the call.
    /// </summary>
    public async Task<RestResult<IReadOnlyList<Kline>>> GetClosedKlinesAsync(
        Market market,
        string symbol,
        KlineInterval interval,
        DateTimeOffset from,
        DateTimeOffset? to = null,
        CancellationToken cancellationToken = default
    )
    {
        var rows = new List<Kline>();
        if (to <= from)
        {
            return RestResult<IReadOnlyList<Kline>>.Success(rows);
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
                if (kline.OpenTime >= from && (rows.Count == 0 || kline.OpenTime > rows[^1].OpenTime))
                {
                    rows.Add(kline);
                }
            }

            if (page.Value.Count < pageSize || (to is { } end && page.Value[^1].OpenTime >= end))
            {
                break;
            }

            var next = page.Value[^1].OpenTime.AddMilliseconds(1);
            if (next <= cursor)
            {
                return RestResult<IReadOnlyList<Kline>>.Fail(
                    RestFailure.InvalidResponse,
                    $"{symbol} klines: paging made no progress at {cursor:O}"
                );
            }

            cursor = next;
        }

        // Each row but the newest has a successor, so it is closed; the newest has none and may be forming.
        var closed = new List<Kline>(rows.Count);
        for (var i = 0; i < rows.Count - 1; i++)
        {
            if (to is not { } end || rows[i].OpenTime < end)
            {
                closed.Add(rows[i].IsClosed ? rows[i] : rows[i] with { IsClosed = true });
            }
        }

        return RestResult<IReadOnlyList<Kline>>.Success(closed);
    }
}
