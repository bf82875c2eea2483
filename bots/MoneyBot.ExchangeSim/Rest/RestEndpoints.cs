using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Rest;

/// <summary>
/// Binance's public market-data REST endpoints, spot (<c>/api/v3</c>, eight decimals) and USD-M futures
/// (<c>/fapi/v1</c>, the symbol's precision), and an empty COIN-M (<c>/dapi/v1</c>). Every answer carries the request
/// weight used in the current minute (<c>X-MBX-USED-WEIGHT-1M</c>; spot also the older <c>X-MBX-USED-WEIGHT</c>).
/// </summary>
internal sealed partial class RestEndpoints(SimulatedMarkets markets, TimeProvider time)
{
    private const int DefaultLimit = 500;
    private const string WeightHeader = "X-MBX-USED-WEIGHT-1M";
    private const string LegacyWeightHeader = "X-MBX-USED-WEIGHT";
    private readonly RequestWeights _weights = new(time);

    public void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, "/api/v3/klines", RestApi.Spot, _ => 2, (c, q) => KlinesAsync(c, q, futures: false));
        // Binance's "klines for presentation"; the simulator has no candles to smooth, so they are the klines
        Get(routes, "/api/v3/uiKlines", RestApi.Spot, _ => 2, (c, q) => KlinesAsync(c, q, futures: false));
        Get(routes, "/fapi/v1/klines", RestApi.UsdM, FuturesKlinesWeight, (c, q) => KlinesAsync(c, q, futures: true));
        Get(routes, "/api/v3/aggTrades", RestApi.Spot, _ => 4, (c, q) => AggTradesAsync(c, q, futures: false));
        Get(routes, "/fapi/v1/aggTrades", RestApi.UsdM, _ => 20, (c, q) => AggTradesAsync(c, q, futures: true));
        foreach (var (prefix, api) in Apis)
        {
            Get(routes, prefix + "/time", api, _ => 1, (c, _) => TimeAsync(c));
            Get(routes, prefix + "/ping", api, _ => 1, (c, _) => PingAsync(c));
        }

        MapMarketData(routes);
    }

    private static IEnumerable<(string Prefix, RestApi Api)> Apis =>
        [("/api/v3", RestApi.Spot), ("/fapi/v1", RestApi.UsdM), ("/dapi/v1", RestApi.CoinM)];

    /// <summary>
    /// Maps a GET endpoint: counts its weight, writes the weight headers, answers 429 (code -1003) above the
    /// enforced limit, else runs <paramref name="handler"/>.
    /// </summary>
    private void Get(
        IEndpointRouteBuilder routes,
        string path,
        RestApi api,
        Func<RestQuery, int> weight,
        Func<HttpContext, RestQuery, Task> handler
    ) => routes.MapGet(path, context =>
        {
            var query = new RestQuery(context.Request.Query);
            var used = _weights.Add(api, weight(query));
            var text = used.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers[WeightHeader] = text;
            if (api == RestApi.Spot)
            {
                context.Response.Headers[LegacyWeightHeader] = text;
            }

            var limit = RequestWeights.EnforcedLimit(api);
            if (used <= limit)
            {
                return handler(context, query);
            }

            context.Response.Headers.RetryAfter = _weights.SecondsToNextMinute().ToString(CultureInfo.InvariantCulture);
            var message =
                $"Too much request weight used; current limit is {limit} request weight per 1 MINUTE. "
                + "Please use WebSocket Streams for live updates to avoid polling the API.";
            return WriteAsync(context, RestPayloads.Error(-1003, message), StatusCodes.Status429TooManyRequests);
        });

    /// <summary>Futures klines weigh by <c>limit</c>: under 100 1, under 500 2, up to 1000 5, above 10.</summary>
    private static int FuturesKlinesWeight(RestQuery query)
    {
        query.Long("limit", out var limit);
        return (limit ?? DefaultLimit) switch
        {
            < 100 => 1,
            < 500 => 2,
            <= 1000 => 5,
            _ => 10,
        };
    }

    private static Task WriteAsync(HttpContext context, byte[] body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static Task FailAsync(HttpContext context, RestError error) =>
        WriteAsync(context, RestPayloads.Error(error.Code, error.Message), StatusCodes.Status400BadRequest);

    private static Task PingAsync(HttpContext context) => WriteAsync(context, "{}"u8.ToArray());

    private Task TimeAsync(HttpContext context) => WriteAsync(context, RestPayloads.ServerTime(markets.Clock.NowMs));

    private RestError? Symbol(RestQuery query, out SymbolMarket? market)
    {
        market = null;
        var error = SymbolSelection.Read(query, markets, allowList: false, required: true, out var selection);
        if (error is null)
        {
            market = selection.Markets[0];
        }

        return error;
    }

    private static RestError? Interval(RestQuery query, out CandleInterval interval)
    {
        interval = default;
        if (query.Text("interval") is not { } name)
        {
            return RestError.Mandatory("interval");
        }

        return CandleInterval.TryParse(name, out interval) ? null : RestError.InvalidInterval;
    }

    private Task KlinesAsync(HttpContext context, RestQuery query, bool futures)
    {
        SymbolMarket? market = null;
        var interval = default(CandleInterval);
        long? start = null,
            end = null;
        var limit = DefaultLimit;
        var error = Symbol(query, out market)
            ?? Interval(query, out interval)
            ?? query.Limit(DefaultLimit, futures ? 1500 : 1000, out limit)
            ?? query.TimeRange(out start, out end);
        if (error is not null || market is null)
        {
            return FailAsync(context, error ?? RestError.InvalidSymbol);
        }

        var candles = market.GetKlines(interval, start, end, limit);
        var format = futures ? WireFormat.Futures(market.Instrument) : WireFormat.Spot;
        return WriteAsync(context, RestPayloads.Klines(candles, format));
    }

    private Task AggTradesAsync(HttpContext context, RestQuery query, bool futures)
    {
        SymbolMarket? market = null;
        long? fromId = null,
            start = null,
            end = null;
        var limit = DefaultLimit;
        var error = Symbol(query, out market)
            ?? query.Limit(DefaultLimit, 1000, out limit)
            ?? query.Long("fromId", out fromId)
            ?? query.TimeRange(out start, out end);
        if (error is null && start is { } s && end is { } e && e - s > 3_600_000)
        {
            error = RestError.WindowTooLong;
        }

        if (error is not null || market is null)
        {
            return FailAsync(context, error ?? RestError.InvalidSymbol);
        }

        var trades = market.GetAggTrades(fromId, start, end, limit);
        var format = futures ? WireFormat.Futures(market.Instrument) : WireFormat.Spot;
        return WriteAsync(context, RestPayloads.AggTrades(trades, format, bestMatchField: !futures));
    }
}
