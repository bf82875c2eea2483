using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Rest;

/// <summary>
/// The rest of what a standard client loads: <c>exchangeInfo</c>, <c>depth</c>, recent <c>trades</c>, the tickers,
/// spot <c>avgPrice</c> and futures <c>premiumIndex</c>, with Binance's request weights.
/// </summary>
internal sealed partial class RestEndpoints
{
    private const int SpotDepthDefault = 100;
    private const int SpotDepthMax = 5000;
    private const int FuturesDepthDefault = 500;
    private const int AveragePriceMinutes = 5;
    private const decimal FundingRate = 0.0001m;
    private static readonly int[] FuturesDepthLimits = [5, 10, 20, 50, 100, 500, 1000];
    private static readonly TimeSpan TickerWindow = TimeSpan.FromHours(24);

    private void MapMarketData(IEndpointRouteBuilder routes)
    {
        Get(routes, "/api/v3/exchangeInfo", RestApi.Spot, _ => 20, SpotExchangeInfoAsync);
        Get(routes, "/fapi/v1/exchangeInfo", RestApi.UsdM, _ => 1, (c, _) => UsdMExchangeInfoAsync(c));
        Get(routes, "/dapi/v1/exchangeInfo", RestApi.CoinM, _ => 1, (c, _) => CoinMExchangeInfoAsync(c));
        Get(routes, "/api/v3/depth", RestApi.Spot, SpotDepthWeight, (c, q) => DepthAsync(c, q, futures: false));
        Get(routes, "/fapi/v1/depth", RestApi.UsdM, FuturesDepthWeight, (c, q) => DepthAsync(c, q, futures: true));
        Get(routes, "/api/v3/trades", RestApi.Spot, _ => 25, (c, q) => TradesAsync(c, q, futures: false));
        Get(routes, "/fapi/v1/trades", RestApi.UsdM, _ => 5, (c, q) => TradesAsync(c, q, futures: true));
        Get(routes, "/api/v3/avgPrice", RestApi.Spot, _ => 2, AveragePriceAsync);
        Get(routes, "/fapi/v1/premiumIndex", RestApi.UsdM, _ => 1, PremiumIndexAsync);
        Get(routes, "/api/v3/ticker/24hr", RestApi.Spot, SpotDayWeight, (c, q) => DayTickerAsync(c, q, false));
        Get(routes, "/fapi/v1/ticker/24hr", RestApi.UsdM, q => One(q, 1, 40), (c, q) => DayTickerAsync(c, q, true));
        Get(routes, "/api/v3/ticker/price", RestApi.Spot, q => One(q, 2, 4), (c, q) => PriceAsync(c, q, false));
        Get(routes, "/fapi/v1/ticker/price", RestApi.UsdM, q => One(q, 1, 2), (c, q) => PriceAsync(c, q, true));
        Get(routes, "/api/v3/ticker/bookTicker", RestApi.Spot, q => One(q, 2, 4), (c, q) => BookAsync(c, q, false));
        Get(routes, "/fapi/v1/ticker/bookTicker", RestApi.UsdM, q => One(q, 2, 5), (c, q) => BookAsync(c, q, true));
    }

    /// <summary>The weight with <c>symbol</c>, or without it (all symbols, or a <c>symbols</c> list).</summary>
    private static int One(RestQuery query, int single, int several) => query.Text("symbol") is null ? several : single;

    /// <summary>Spot depth weighs by <c>limit</c>: up to 100 5, 500 25, 1000 50, 5000 250.</summary>
    private static int SpotDepthWeight(RestQuery query)
    {
        query.Long("limit", out var limit);
        return (limit ?? SpotDepthDefault) switch
        {
            <= 100 => 5,
            <= 500 => 25,
            <= 1000 => 50,
            _ => 250,
        };
    }

    /// <summary>Futures depth weighs by <c>limit</c>: up to 50 2, 100 5, 500 10, 1000 20.</summary>
    private static int FuturesDepthWeight(RestQuery query)
    {
        query.Long("limit", out var limit);
        return (limit ?? FuturesDepthDefault) switch
        {
            <= 50 => 2,
            <= 100 => 5,
            <= 500 => 10,
            _ => 20,
        };
    }

    /// <summary>Spot 24 h tickers: one symbol 2, all 80; a list of 1-20 symbols 2, 21-100 40, more 80.</summary>
    private static int SpotDayWeight(RestQuery query)
    {
        if (query.Text("symbol") is not null)
        {
            return 2;
        }

        return SymbolSelection.CountListed(query) switch
        {
            0 => 80,
            <= 20 => 2,
            <= 100 => 40,
            _ => 80,
        };
    }

    private static IReadOnlyList<Instrument> Instruments(IReadOnlyList<SymbolMarket> selected) =>
        [.. selected.Select(m => m.Instrument)];

    private Task SpotExchangeInfoAsync(HttpContext context, RestQuery query)
    {
        if (SymbolSelection.Read(query, markets, allowList: true, required: false, out var selection) is { } error)
        {
            return FailAsync(context, error);
        }

        var limit = RequestWeights.AdvertisedLimit(RestApi.Spot);
        var body = ExchangeInfoPayloads.Spot(Instruments(selection.Markets), markets.Clock.NowMs, limit);
        return WriteAsync(context, body);
    }

    private Task UsdMExchangeInfoAsync(HttpContext context)
    {
        var limit = RequestWeights.AdvertisedLimit(RestApi.UsdM);
        return WriteAsync(context, ExchangeInfoPayloads.UsdM(Instruments(markets.All), markets.Clock.NowMs, limit));
    }

    private Task CoinMExchangeInfoAsync(HttpContext context)
    {
        var limit = RequestWeights.AdvertisedLimit(RestApi.CoinM);
        return WriteAsync(context, ExchangeInfoPayloads.CoinM(markets.Clock.NowMs, limit));
    }

    private Task DepthAsync(HttpContext context, RestQuery query, bool futures)
    {
        SymbolMarket? market = null;
        var limit = 0;
        var error = Symbol(query, out market)
            ?? (
                futures
                    ? query.Limit(FuturesDepthDefault, int.MaxValue, out limit)
                    : query.Limit(SpotDepthDefault, SpotDepthMax, out limit)
            );
        if (error is null && futures && !FuturesDepthLimits.Contains(limit))
        {
            error = RestError.InvalidValue("limit");
        }

        if (error is not null || market is null)
        {
            return FailAsync(context, error ?? RestError.InvalidSymbol);
        }

        var book = market.GetOrderBook(limit);
        var body = futures
            ? MarketDataPayloads.Depth(
                book,
                WireFormat.Futures(market.Instrument),
                markets.Clock.NowMs,
                market.LastTradeTime
            )
            : MarketDataPayloads.Depth(book, WireFormat.Spot, null, null);
        return WriteAsync(context, body);
    }

    private Task TradesAsync(HttpContext context, RestQuery query, bool futures)
    {
        SymbolMarket? market = null;
        var limit = DefaultLimit;
        var error = Symbol(query, out market) ?? query.Limit(DefaultLimit, 1000, out limit);
        if (error is not null || market is null)
        {
            return FailAsync(context, error ?? RestError.InvalidSymbol);
        }

        var trades = market.GetRecentTrades(limit);
        var format = futures ? WireFormat.Futures(market.Instrument) : WireFormat.Spot;
        return WriteAsync(context, MarketDataPayloads.Trades(trades, format, bestMatchField: !futures));
    }

    private Task AveragePriceAsync(HttpContext context, RestQuery query)
    {
        if (Symbol(query, out var market) is { } error)
        {
            return FailAsync(context, error);
        }

        if (market is null)
        {
            return FailAsync(context, RestError.InvalidSymbol);
        }

        var window = market.GetRecentWindow(AveragePriceMinutes);
        var price = window.Volume == 0 ? market.LastPrice : window.QuoteVolume / window.Volume;
        var body = MarketDataPayloads.AveragePrice(AveragePriceMinutes, price, market.LastTradeTime);
        return WriteAsync(context, body);
    }

    private Task PremiumIndexAsync(HttpContext context, RestQuery query)
    {
        if (SymbolSelection.Read(query, markets, allowList: false, required: false, out var selection) is { } error)
        {
            return FailAsync(context, error);
        }

        return WriteAsync(context, MarketDataPayloads.PremiumIndex(selection.Markets, selection.Single, FundingRate));
    }

    private Task DayTickerAsync(HttpContext context, RestQuery query, bool futures)
    {
        var error = SymbolSelection.Read(query, markets, allowList: !futures, required: false, out var selection);
        var type = futures ? null : query.Text("type");
        if (error is null && type is not null and not "FULL" and not "MINI")
        {
            error = RestError.InvalidValue("type");
        }

        if (error is not null)
        {
            return FailAsync(context, error);
        }

        var stats = selection.Markets.Select(m => m.GetTicker(TickerWindow)).ToList();
        var day = new MarketDataPayloads.Day(selection.Single, futures, Mini: type == "MINI");
        return WriteAsync(context, MarketDataPayloads.DayTickers(stats, selection.Markets, day));
    }

    private Task PriceAsync(HttpContext context, RestQuery query, bool futures)
    {
        var error = SymbolSelection.Read(query, markets, allowList: !futures, required: false, out var selection);
        return error is not null
            ? FailAsync(context, error)
            : WriteAsync(context, MarketDataPayloads.PriceTickers(selection.Markets, selection.Single, futures));
    }

    private Task BookAsync(HttpContext context, RestQuery query, bool futures)
    {
        var error = SymbolSelection.Read(query, markets, allowList: !futures, required: false, out var selection);
        return error is not null
            ? FailAsync(context, error)
            : WriteAsync(context, MarketDataPayloads.BookTickers(selection.Markets, selection.Single, futures));
    }
}
