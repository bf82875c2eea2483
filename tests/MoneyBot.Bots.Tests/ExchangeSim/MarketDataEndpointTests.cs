using System.Globalization;
using System.Net;
using System.Text.Json;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.Bots.Tests.ExchangeSim;

/// <summary>
/// The market-data endpoints a standard client (ccxt and the like) loads: exchangeInfo, depth, trades, tickers,
/// avgPrice, premiumIndex; their shapes against the tape, their error codes and the weight headers.
/// </summary>
public sealed class MarketDataEndpointTests
{
    private static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    private static string[] Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    private static JsonElement Filter(JsonElement symbol, string type) =>
        symbol.GetProperty("filters").EnumerateArray().Single(f => f.GetProperty("filterType").GetString() == type);

    private static async Task<SimulatedExchangeHost> StartAsync(TestClock clock)
    {
        var host = await TestExchange.StartAsync(clock);
        await host.AdvanceAsync(clock, 5); // 30 s of market time past the start
        return host;
    }

    [Fact(Timeout = 20_000)]
    public async Task Spot_exchangeInfo_lists_every_symbol_with_filters_on_the_instrument_grids()
    {
        await using var host = await StartAsync(Clocks.In2030());
        using var http = host.Http();

        var info = await http.GetJsonAsync("api/v3/exchangeInfo");
        var one = await http.GetJsonAsync("api/v3/exchangeInfo?symbol=ethusdt");
        var list = await http.GetJsonAsync("api/v3/exchangeInfo?symbols=%5B%22ETHUSDT%22,%22BTCUSDT%22%5D");

        Assert.Equal(["timezone", "serverTime", "rateLimits", "exchangeFilters", "symbols"], Names(info));
        Assert.Equal("UTC", info.GetProperty("timezone").GetString());
        Assert.Equal(host.Markets.Clock.NowMs, info.GetProperty("serverTime").GetInt64());
        var weight = info.GetProperty("rateLimits")[0];
        Assert.Equal("REQUEST_WEIGHT", weight.GetProperty("rateLimitType").GetString());
        Assert.Equal(6000, weight.GetProperty("limit").GetInt32());
        var symbols = info.GetProperty("symbols");
        Assert.Equal(host.Markets.All.Select(m => m.Symbol), symbols.EnumerateArray().Select(Symbol));
        foreach (var symbol in symbols.EnumerateArray())
        {
            var instrument = host.Markets[Symbol(symbol)].Instrument;
            Assert.Equal("TRADING", symbol.GetProperty("status").GetString());
            Assert.Equal("USDT", symbol.GetProperty("quoteAsset").GetString());
            Assert.Equal(instrument.Symbol[..^4], symbol.GetProperty("baseAsset").GetString());
            Assert.Equal(8, symbol.GetProperty("baseAssetPrecision").GetInt32());
            Assert.Contains("LIMIT", symbol.GetProperty("orderTypes").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(instrument.TickSize, Dec(Filter(symbol, "PRICE_FILTER").GetProperty("tickSize")));
            Assert.Matches(@"^0\.\d{8}$", Filter(symbol, "PRICE_FILTER").GetProperty("tickSize").GetString());
            Assert.Equal(instrument.StepSize, Dec(Filter(symbol, "LOT_SIZE").GetProperty("stepSize")));
            Assert.Equal(instrument.StepSize, Dec(Filter(symbol, "LOT_SIZE").GetProperty("minQty")));
            Assert.Equal(5m, Dec(Filter(symbol, "NOTIONAL").GetProperty("minNotional")));
        }

        Assert.Equal(["ETHUSDT"], one.GetProperty("symbols").EnumerateArray().Select(Symbol));
        Assert.Equal(["ETHUSDT", "BTCUSDT"], list.GetProperty("symbols").EnumerateArray().Select(Symbol));
    }

    private static string Symbol(JsonElement e) => e.GetProperty("symbol").GetString()!;

    [Fact(Timeout = 20_000)]
    public async Task Futures_exchangeInfo_lists_perpetuals_and_coin_m_is_a_valid_empty_document()
    {
        await using var host = await StartAsync(Clocks.In2030());
        using var http = host.Http();

        var info = await http.GetJsonAsync("fapi/v1/exchangeInfo");
        var coinM = await http.GetJsonAsync("dapi/v1/exchangeInfo");

        Assert.Equal(
            ["timezone", "serverTime", "futuresType", "rateLimits", "exchangeFilters", "assets", "symbols"],
            Names(info)
        );
        Assert.Equal("USDT", info.GetProperty("assets")[0].GetProperty("asset").GetString());
        var btc = info.GetProperty("symbols").EnumerateArray().Single(s => Symbol(s) == "BTCUSDT");
        Assert.Equal("PERPETUAL", btc.GetProperty("contractType").GetString());
        Assert.Equal("TRADING", btc.GetProperty("status").GetString());
        Assert.Equal("USDT", btc.GetProperty("marginAsset").GetString());
        Assert.Equal(2, btc.GetProperty("pricePrecision").GetInt32());
        Assert.Equal(5, btc.GetProperty("quantityPrecision").GetInt32());
        Assert.Equal("0.01", Filter(btc, "PRICE_FILTER").GetProperty("tickSize").GetString());
        Assert.Equal("0.00001", Filter(btc, "LOT_SIZE").GetProperty("stepSize").GetString());
        Assert.Equal("5", Filter(btc, "MIN_NOTIONAL").GetProperty("notional").GetString());
        Assert.Contains("GTX", btc.GetProperty("timeInForce").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(["timezone", "serverTime", "rateLimits", "exchangeFilters", "symbols"], Names(coinM));
        Assert.Equal(0, coinM.GetProperty("symbols").GetArrayLength());
    }

    [Fact(Timeout = 20_000)]
    public async Task Depth_is_a_book_on_the_tick_grid_around_the_best_bid()
    {
        await using var host = await StartAsync(Clocks.In2030());
        using var http = host.Http();
        var instrument = host.Markets["BTCUSDT"].Instrument;

        var spot = await http.GetJsonAsync("api/v3/depth?symbol=BTCUSDT&limit=20");
        var spotDefault = await http.GetJsonAsync("api/v3/depth?symbol=BTCUSDT");
        var futures = await http.GetJsonAsync("fapi/v1/depth?symbol=BTCUSDT&limit=5");
        var badLimit = await http.GetJsonAsync("fapi/v1/depth?symbol=BTCUSDT&limit=7", HttpStatusCode.BadRequest);

        Assert.Equal(["lastUpdateId", "bids", "asks"], Names(spot));
        Assert.Equal(20, spot.GetProperty("bids").GetArrayLength());
        Assert.Equal(20, spot.GetProperty("asks").GetArrayLength());
        Assert.Equal(100, spotDefault.GetProperty("bids").GetArrayLength());
        Assert.True(spotDefault.GetProperty("lastUpdateId").GetInt64() > spot.GetProperty("lastUpdateId").GetInt64());
        var bids = spot.GetProperty("bids").EnumerateArray().Select(l => Dec(l[0])).ToList();
        var asks = spot.GetProperty("asks").EnumerateArray().Select(l => Dec(l[0])).ToList();
        Assert.True(bids[0] < asks[0]);
        Assert.Equal(instrument.TickSize, asks[0] - bids[0]);
        Assert.Equal(bids.OrderByDescending(p => p), bids);
        Assert.Equal(asks.OrderBy(p => p), asks);
        Assert.All(bids.Concat(asks), p => Assert.Equal(0m, p % instrument.TickSize));
        Assert.Matches(@"^\d+\.\d{8}$", spot.GetProperty("bids")[0][1].GetString());
        var lastTrade = Dec((await http.GetJsonAsync("api/v3/aggTrades?symbol=BTCUSDT&limit=1"))[0].GetProperty("p"));
        Assert.InRange(lastTrade, bids[0] - (4 * instrument.TickSize), asks[0] + (4 * instrument.TickSize));

        Assert.Equal(["lastUpdateId", "E", "T", "bids", "asks"], Names(futures));
        Assert.Equal(5, futures.GetProperty("bids").GetArrayLength());
        Assert.Matches(@"^\d+\.\d{2}$", futures.GetProperty("asks")[0][0].GetString());
        Assert.Matches(@"^\d+\.\d{5}$", futures.GetProperty("asks")[0][1].GetString());
        Assert.Equal(host.Markets["BTCUSDT"].LastTradeTime, futures.GetProperty("T").GetInt64());
        Assert.Equal(-1130, badLimit.GetProperty("code").GetInt32());
    }

    [Fact(Timeout = 20_000)]
    public async Task Trades_are_the_raw_fills_of_the_newest_aggregate_trades()
    {
        await using var host = await StartAsync(Clocks.In2030());
        using var http = host.Http();

        var trades = await http.GetJsonAsync("api/v3/trades?symbol=BTCUSDT&limit=300");
        var aggs = await http.GetJsonAsync("api/v3/aggTrades?symbol=BTCUSDT&limit=300");
        var futures = await http.GetJsonAsync("fapi/v1/trades?symbol=BTCUSDT&limit=3");

        Assert.Equal(300, trades.GetArrayLength());
        Assert.Equal(["id", "price", "qty", "quoteQty", "time", "isBuyerMaker", "isBestMatch"], Names(trades[0]));
        var ids = trades.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, 300).Select(i => ids[0] + i), ids);
        var byId = trades.EnumerateArray().ToDictionary(t => t.GetProperty("id").GetInt64());
        var lastAgg = aggs[aggs.GetArrayLength() - 1];
        Assert.Equal(lastAgg.GetProperty("l").GetInt64(), ids[^1]);
        var multiFill = 0;
        foreach (var agg in aggs.EnumerateArray().Where(a => a.GetProperty("f").GetInt64() >= ids[0]))
        {
            var fills = Enumerable
                .Range(0, (int)(agg.GetProperty("l").GetInt64() - agg.GetProperty("f").GetInt64() + 1))
                .Select(i => byId[agg.GetProperty("f").GetInt64() + i])
                .ToList();
            multiFill += fills.Count > 1 ? 1 : 0;
            Assert.Equal(Dec(agg.GetProperty("q")), fills.Sum(f => Dec(f.GetProperty("qty"))));
            Assert.All(fills, f =>
            {
                Assert.Equal(Dec(agg.GetProperty("p")), Dec(f.GetProperty("price")));
                Assert.Equal(agg.GetProperty("T").GetInt64(), f.GetProperty("time").GetInt64());
                Assert.Equal(agg.GetProperty("m").GetBoolean(), f.GetProperty("isBuyerMaker").GetBoolean());
                Assert.True(Dec(f.GetProperty("qty")) > 0);
                Assert.Equal(0m, Dec(f.GetProperty("qty")) % 0.00001m);
                Assert.Equal(Dec(f.GetProperty("price")) * Dec(f.GetProperty("qty")), Dec(f.GetProperty("quoteQty")));
            });
        }

        Assert.True(multiFill > 0, "some aggregate trades have several fills");
        Assert.Equal(["id", "price", "qty", "quoteQty", "time", "isBuyerMaker"], Names(futures[0]));
        Assert.Equal(ids[^1], futures[2].GetProperty("id").GetInt64());
        Assert.Matches(@"^\d+\.\d{5}$", futures[0].GetProperty("qty").GetString());
    }

    [Fact(Timeout = 20_000)]
    public async Task The_24h_ticker_agrees_with_the_tape_and_the_candles()
    {
        await using var host = await StartAsync(Clocks.In2030());
        using var http = host.Http();
        var market = host.Markets["BTCUSDT"];

        var ticker = await http.GetJsonAsync("api/v3/ticker/24hr?symbol=BTCUSDT");
        var all = await http.GetJsonAsync("api/v3/ticker/24hr");
        var mini = await http.GetJsonAsync("api/v3/ticker/24hr?symbols=%5B%22ETHUSDT%22%5D&type=MINI");
        var futures = await http.GetJsonAsync("fapi/v1/ticker/24hr?symbol=BTCUSDT");
        var last = (await http.GetJsonAsync("api/v3/trades?symbol=BTCUSDT&limit=1"))[0];
        var candles = market.GetKlines(CandleInterval.Parse("1m"), null, null, 1000);

        Assert.Equal(
            [
                "symbol",
                "priceChange",
                "priceChangePercent",
                "weightedAvgPrice",
                "prevClosePrice",
                "lastPrice",
                "lastQty",
                "bidPrice",
                "bidQty",
                "askPrice",
                "askQty",
                "openPrice",
                "highPrice",
                "lowPrice",
                "volume",
                "quoteVolume",
                "openTime",
                "closeTime",
                "firstId",
                "lastId",
                "count",
            ],
            Names(ticker)
        );
        Assert.Equal(Dec(last.GetProperty("price")), Dec(ticker.GetProperty("lastPrice")));
        Assert.Equal(Dec(last.GetProperty("qty")), Dec(ticker.GetProperty("lastQty")));
        Assert.Equal(last.GetProperty("id").GetInt64(), ticker.GetProperty("lastId").GetInt64());
        Assert.Equal(candles[0].FirstTradeId, ticker.GetProperty("firstId").GetInt64());
        Assert.Equal(candles[0].Open, Dec(ticker.GetProperty("openPrice")));
        Assert.Equal(candles.Max(c => c.High), Dec(ticker.GetProperty("highPrice")));
        Assert.Equal(candles.Sum(c => c.Volume), Dec(ticker.GetProperty("volume")));
        Assert.Equal(candles.Sum(c => c.TradeCount), ticker.GetProperty("count").GetInt64());
        Assert.Equal(
            ticker.GetProperty("lastId").GetInt64() - ticker.GetProperty("firstId").GetInt64() + 1,
            ticker.GetProperty("count").GetInt64()
        );
        Assert.Equal(
            Dec(ticker.GetProperty("lastPrice")) - Dec(ticker.GetProperty("openPrice")),
            Dec(ticker.GetProperty("priceChange"))
        );
        Assert.Matches(@"^-?\d+\.\d{3}$", ticker.GetProperty("priceChangePercent").GetString());
        Assert.Equal(market.ProcessedUntil, ticker.GetProperty("closeTime").GetInt64());
        Assert.Equal(market.ProcessedUntil - 86_400_000, ticker.GetProperty("openTime").GetInt64());
        Assert.True(Dec(ticker.GetProperty("bidPrice")) < Dec(ticker.GetProperty("askPrice")));

        Assert.Equal(JsonValueKind.Array, all.ValueKind);
        Assert.Equal(host.Markets.All.Count, all.GetArrayLength());
        Assert.Equal(JsonValueKind.Array, mini.ValueKind);
        Assert.False(mini[0].TryGetProperty("priceChange", out _));
        Assert.Equal("ETHUSDT", Symbol(mini[0]));
        Assert.False(futures.TryGetProperty("prevClosePrice", out _));
        Assert.False(futures.TryGetProperty("bidPrice", out _));
        Assert.Matches(@"^\d+\.\d{2}$", futures.GetProperty("lastPrice").GetString());
        Assert.Equal(Dec(ticker.GetProperty("lastPrice")), Dec(futures.GetProperty("lastPrice")));
    }

    [Fact(Timeout = 20_000)]
    public async Task Price_book_average_and_premium_index_have_binance_shapes()
    {
        await using var host = await StartAsync(Clocks.In2030());
        using var http = host.Http();
        var market = host.Markets["ETHUSDT"];

        var price = await http.GetJsonAsync("api/v3/ticker/price?symbol=ETHUSDT");
        var prices = await http.GetJsonAsync("fapi/v1/ticker/price");
        var book = await http.GetJsonAsync("api/v3/ticker/bookTicker?symbol=ETHUSDT");
        var futuresBook = await http.GetJsonAsync("fapi/v1/ticker/bookTicker?symbol=ETHUSDT");
        var average = await http.GetJsonAsync("api/v3/avgPrice?symbol=ETHUSDT");
        var premium = await http.GetJsonAsync("fapi/v1/premiumIndex?symbol=ETHUSDT");
        var premiums = await http.GetJsonAsync("fapi/v1/premiumIndex");

        Assert.Equal(["symbol", "price"], Names(price));
        Assert.Equal(market.LastPrice, Dec(price.GetProperty("price")));
        Assert.Equal(["symbol", "price", "time"], Names(prices[0]));
        Assert.Equal(host.Markets.All.Count, prices.GetArrayLength());
        Assert.Equal(["symbol", "bidPrice", "bidQty", "askPrice", "askQty"], Names(book));
        Assert.Equal(market.Instrument.TickSize, Dec(book.GetProperty("askPrice")) - Dec(book.GetProperty("bidPrice")));
        Assert.Equal(["symbol", "bidPrice", "bidQty", "askPrice", "askQty", "time"], Names(futuresBook));
        Assert.Equal(Dec(book.GetProperty("bidQty")), Dec(futuresBook.GetProperty("bidQty")));

        Assert.Equal(["mins", "price", "closeTime"], Names(average));
        Assert.Equal(5, average.GetProperty("mins").GetInt32());
        Assert.Equal(market.LastTradeTime, average.GetProperty("closeTime").GetInt64());
        var window = market.GetRecentWindow(5);
        Assert.Equal(Math.Round(window.QuoteVolume / window.Volume, 8), Dec(average.GetProperty("price")));

        Assert.Equal(
            [
                "symbol",
                "markPrice",
                "indexPrice",
                "estimatedSettlePrice",
                "lastFundingRate",
                "nextFundingTime",
                "interestRate",
                "time",
            ],
            Names(premium)
        );
        Assert.Equal(market.LastPrice, Dec(premium.GetProperty("markPrice")));
        Assert.Equal("0.00010000", premium.GetProperty("lastFundingRate").GetString());
        var time = premium.GetProperty("time").GetInt64();
        var next = premium.GetProperty("nextFundingTime").GetInt64();
        Assert.Equal(0, next % (8 * 3_600_000));
        Assert.InRange(next - time, 1, 8 * 3_600_000);
        Assert.Equal(host.Markets.All.Count, premiums.GetArrayLength());
    }

    [Theory(Timeout = 20_000)]
    [InlineData("api/v3/depth?symbol=DOGEUSDT", -1121)]
    [InlineData("api/v3/ticker/24hr?symbol=NOPE", -1121)]
    [InlineData("api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22,%22XYZUSDT%22%5D", -1121)]
    [InlineData("fapi/v1/premiumIndex?symbol=DOGEUSDT", -1121)]
    [InlineData("api/v3/trades?symbol=BTC%20USDT", -1100)]
    [InlineData("api/v3/ticker/price?symbols=BTCUSDT", -1100)]
    [InlineData("api/v3/ticker/bookTicker?symbols=%5BBTCUSDT%5D", -1100)]
    [InlineData("fapi/v1/depth?symbol=BTCUSDT&limit=x", -1100)]
    [InlineData("api/v3/depth", -1102)]
    [InlineData("fapi/v1/trades?symbol=", -1102)]
    [InlineData("api/v3/avgPrice", -1102)]
    [InlineData("api/v3/ticker/24hr?symbols=%5B%5D", -1102)]
    public async Task Bad_requests_get_binance_error_codes(string path, int code)
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030(), o => o with { Symbols = ["BTCUSDT"] });
        using var http = host.Http();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var error = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["code", "msg"], Names(error.RootElement));
        Assert.Equal(code, error.RootElement.GetProperty("code").GetInt32());
        Assert.True(response.Headers.Contains("X-MBX-USED-WEIGHT-1M"));
    }

    [Fact(Timeout = 20_000)]
    public async Task Unknown_paths_stay_404()
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030(), o => o with { Symbols = ["BTCUSDT"] });
        using var http = host.Http();

        using var response = await http.GetAsync(new Uri("api/v3/historicalTrades?symbol=BTCUSDT", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Every_answer_reports_the_weight_used_this_minute_and_too_much_weight_gets_429()
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030(), o => o with { Symbols = ["BTCUSDT"] });
        using var http = host.Http();

        async Task<(int Spot, int? Legacy, HttpStatusCode Status, string? RetryAfter)> WeightAsync(string path)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var headers = response.Headers;
            var used = int.Parse(headers.GetValues("X-MBX-USED-WEIGHT-1M").Single(), CultureInfo.InvariantCulture);
            int? legacy = headers.TryGetValues("X-MBX-USED-WEIGHT", out var values)
                ? int.Parse(values.Single(), CultureInfo.InvariantCulture)
                : null;
            return (used, legacy, response.StatusCode, headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        }

        Assert.Equal((1, 1), Pair(await WeightAsync("api/v3/ping")));
        Assert.Equal((21, 21), Pair(await WeightAsync("api/v3/exchangeInfo")));
        Assert.Equal((26, 26), Pair(await WeightAsync("api/v3/depth?symbol=BTCUSDT")));
        Assert.Equal((76, 76), Pair(await WeightAsync("api/v3/depth?symbol=BTCUSDT&limit=1000")));
        Assert.Equal((101, 101), Pair(await WeightAsync("api/v3/trades?symbol=BTCUSDT")));
        Assert.Equal((103, 103), Pair(await WeightAsync("api/v3/klines?symbol=BTCUSDT&interval=1m")));
        Assert.Equal((105, 105), Pair(await WeightAsync("api/v3/ticker/24hr?symbol=BTCUSDT")));
        Assert.Equal((185, 185), Pair(await WeightAsync("api/v3/ticker/24hr")));
        Assert.Equal((187, 187), Pair(await WeightAsync("api/v3/ticker/24hr?symbol=bad!")));
        Assert.Equal((1, null), Pair(await WeightAsync("fapi/v1/ticker/24hr?symbol=BTCUSDT"))); // counted apart
        Assert.Equal((21, null), Pair(await WeightAsync("fapi/v1/depth?symbol=BTCUSDT&limit=1000")));
        Assert.Equal((26, null), Pair(await WeightAsync("fapi/v1/klines?symbol=BTCUSDT&interval=1m")));
        Assert.Equal((1, null), Pair(await WeightAsync("dapi/v1/exchangeInfo")));

        // 101 names in symbols weigh 80: the spot limit the simulator enforces (60,000) is passed after 749 more.
        var heavy =
            "api/v3/ticker/24hr?symbols=%5B" + string.Join(",", Enumerable.Repeat("%22BTCUSDT%22", 101)) + "%5D";
        var last = await WeightAsync(heavy);
        while (last.Status == HttpStatusCode.OK)
        {
            last = await WeightAsync(heavy);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.Status);
        Assert.InRange(last.Spot, 60_001, 60_080);
        Assert.NotNull(last.RetryAfter);
        var clock = (TestClock)host.Options.TimeProvider;
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((2, 2), Pair(await WeightAsync("api/v3/avgPrice?symbol=BTCUSDT"))); // a new minute
    }

    private static (int, int?) Pair((int Spot, int? Legacy, HttpStatusCode Status, string? RetryAfter) w) =>
        (w.Spot, w.Legacy);

    [Fact(Timeout = 20_000)]
    public async Task UiKlines_are_the_klines()
    {
        await using var exchange = await TestExchange.StartAsync(Clocks.In2030());
        using var http = exchange.Http();
        const string query = "?symbol=BTCUSDT&interval=3m&limit=50";

        var klines = await http.GetStringAsync(new Uri("api/v3/klines" + query, UriKind.Relative));
        var ui = await http.GetStringAsync(new Uri("api/v3/uiKlines" + query, UriKind.Relative));

        Assert.Equal(klines, ui);
    }
}
