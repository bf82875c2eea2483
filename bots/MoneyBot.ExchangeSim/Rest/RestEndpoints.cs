using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Rest;

/// <summary>
/// Binance's public market-data REST endpoints, spot (<c>/api/v3</c>, eight decimals) and USD-M
/// futures (<c>/fapi/v1</c>, the symbol's precision): <c>klines</c>, <c>aggTrades</c>, <c>time</c>, <c>ping</c>.
/// </summary>
internal sealed class RestEndpoints(SimulatedMarkets markets)
{
    private const int DefaultLimit = 500;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v3/klines", context => KlinesAsync(context, futures: false));
        routes.MapGet("/fapi/v1/klines", context => KlinesAsync(context, futures: true));
        routes.MapGet("/api/v3/aggTrades", context => AggTradesAsync(context, futures: false));
        routes.MapGet("/fapi/v1/aggTrades", context => AggTradesAsync(context, futures: true));
        routes.MapGet("/api/v3/time", TimeAsync);
        routes.MapGet("/fapi/v1/time", TimeAsync);
        routes.MapGet("/api/v3/ping", PingAsync);
        routes.MapGet("/fapi/v1/ping", PingAsync);
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
        if (query.Text("symbol") is not { } symbol)
        {
            return RestError.Mandatory("symbol");
        }

        return markets.TryGet(symbol, out market) ? null : RestError.InvalidSymbol;
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

    private Task KlinesAsync(HttpContext context, bool futures)
    {
        var query = new RestQuery(context.Request.Query);
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

    private Task AggTradesAsync(HttpContext context, bool futures)
    {
        var query = new RestQuery(context.Request.Query);
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
