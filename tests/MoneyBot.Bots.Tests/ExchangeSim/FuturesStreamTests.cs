using System.Globalization;
using System.Net;
using System.Text.Json;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.Bots.Tests.ExchangeSim;

/// <summary>
/// The USD-M futures forms on <c>/fapi/ws</c> and <c>/fapi/stream</c>, next to the spot forms of <c>/ws</c> and
/// <c>/stream</c>, compared byte for byte with the tape.
/// </summary>
public sealed class FuturesStreamTests
{
    /// <summary>BTCUSDT's grids: a 0.01 tick, a 0.00001 step.</summary>
    private const int PriceDecimals = 2;
    private const int QuantityDecimals = 5;

    private static string Fixed(decimal value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string AggTradeText(AggTrade t, bool futures)
    {
        var (price, quantity) = futures ? (PriceDecimals, QuantityDecimals) : (8, 8);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"e\":\"aggTrade\",\"E\":{t.Time},\"s\":\"BTCUSDT\",\"a\":{t.Id},"
                + $"\"p\":\"{Fixed(t.Price, price)}\",\"q\":\"{Fixed(t.Quantity, quantity)}\","
                + $"\"f\":{t.FirstTradeId},\"l\":{t.LastTradeId},\"T\":{t.Time},\"m\":{Bool(t.IsBuyerMaker)}"
                + $"{(futures ? string.Empty : ",\"M\":true")}}}"
        );
    }

    private static string KlineText(Candle c, string interval, bool closed, long eventTime, bool futures)
    {
        var (price, quantity) = futures ? (PriceDecimals, QuantityDecimals) : (8, 8);
        var quote = futures ? PriceDecimals + QuantityDecimals : 8;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"e\":\"kline\",\"E\":{eventTime},\"s\":\"BTCUSDT\",\"k\":{{\"t\":{c.OpenTime},"
                + $"\"T\":{c.CloseTime},\"s\":\"BTCUSDT\",\"i\":\"{interval}\",\"f\":{c.FirstTradeId},"
                + $"\"L\":{c.LastTradeId},\"o\":\"{Fixed(c.Open, price)}\",\"c\":\"{Fixed(c.Close, price)}\","
                + $"\"h\":\"{Fixed(c.High, price)}\",\"l\":\"{Fixed(c.Low, price)}\","
                + $"\"v\":\"{Fixed(c.Volume, quantity)}\",\"n\":{c.TradeCount},\"x\":{Bool(closed)},"
                + $"\"q\":\"{Fixed(c.QuoteVolume, quote)}\",\"V\":\"{Fixed(c.TakerBuyVolume, quantity)}\","
                + $"\"Q\":\"{Fixed(c.TakerBuyQuoteVolume, quote)}\",\"B\":\"0\"}}}}"
        );
    }

    private static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Receives raw text messages until one satisfies <paramref name="match"/>; returns all of them.</summary>
    private static async Task<List<string>> ReceiveTextsUntilAsync(StreamClient client, Func<JsonElement, bool> match)
    {
        var texts = new List<string>();
        while (true)
        {
            var text = await client.ReceiveTextAsync() ?? throw new InvalidOperationException("socket closed");
            texts.Add(text);
            using var document = JsonDocument.Parse(text);
            if (match(document.RootElement))
            {
                return texts;
            }
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task AggTrades_on_the_futures_path_have_no_M_and_the_symbols_precision_while_spot_stays_as_it_was()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var futures = await StreamClient.ConnectAsync(
            new Uri(host.FuturesWebSocketUrl, "ws/btcusdt@aggTrade")
        );
        await using var spot = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        var before = host.Markets["BTCUSDT"].LastTradeId;

        await host.AdvanceAsync(clock, steps: 10);
        var last = host.Markets["BTCUSDT"].LastTradeId;
        var futuresTexts = await ReceiveTextsUntilAsync(futures, m => m.GetProperty("a").GetInt64() == last);
        var spotTexts = await ReceiveTextsUntilAsync(spot, m => m.GetProperty("a").GetInt64() == last);

        var tape = host.Markets["BTCUSDT"].GetAggTrades(before + 1, null, null, 1000);
        Assert.InRange(tape.Count, 100, 1000);
        Assert.Equal(tape.Select(t => AggTradeText(t, futures: true)), futuresTexts);
        Assert.Equal(tape.Select(t => AggTradeText(t, futures: false)), spotTexts);
    }

    [Fact(Timeout = 30_000)]
    public async Task Klines_on_the_futures_path_have_the_symbols_precision_and_close_once_like_spot()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var futures = await StreamClient.ConnectAsync(
            new Uri(host.FuturesWebSocketUrl, "ws/btcusdt@kline_1m")
        );
        await using var spot = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@kline_1m"));

        await host.AdvanceAsync(clock, steps: 25); // two and a half simulated minutes
        var now = host.Now.ToUnixTimeMilliseconds();
        bool Last(JsonElement m) =>
            !m.GetProperty("k").GetProperty("x").GetBoolean() && m.GetProperty("E").GetInt64() == now;
        var futuresTexts = await ReceiveTextsUntilAsync(futures, Last);
        var spotTexts = await ReceiveTextsUntilAsync(spot, Last);

        Assert.Equal(futuresTexts.Count, spotTexts.Count);
        var closes = 0;
        var interval = CandleInterval.Parse("1m");
        foreach (var (futuresText, spotText) in futuresTexts.Zip(spotTexts))
        {
            using var document = JsonDocument.Parse(futuresText);
            var k = document.RootElement.GetProperty("k");
            var (openTime, closed) = (k.GetProperty("t").GetInt64(), k.GetProperty("x").GetBoolean());
            var eventTime = document.RootElement.GetProperty("E").GetInt64();
            var candle = closed
                ? host.Markets["BTCUSDT"].GetKlines(interval, openTime, openTime, 1).Single()
                : host.Markets["BTCUSDT"].GetCurrentCandle(interval);
            if (!closed && eventTime != now)
            {
                continue; // an update of an earlier step: the candle has moved on since
            }

            closes += closed ? 1 : 0;
            Assert.Equal(KlineText(candle, "1m", closed, eventTime, futures: true), futuresText);
            Assert.Equal(KlineText(candle, "1m", closed, eventTime, futures: false), spotText);
        }

        Assert.Equal(2, closes);
    }

    [Fact(Timeout = 20_000)]
    public async Task Depth_on_the_futures_path_is_a_depthUpdate_whose_pu_continues_each_streams_previous_u()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var fast = await StreamClient.ConnectAsync(
            new Uri(host.FuturesWebSocketUrl, "ws/btcusdt@depth5@100ms")
        );
        await using var half = await StreamClient.ConnectAsync(
            new Uri(host.FuturesWebSocketUrl, "ws/btcusdt@depth10@500ms")
        );
        await using var slow = await StreamClient.ConnectAsync(new Uri(host.FuturesWebSocketUrl, "ws/btcusdt@depth20"));
        await using var spot = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@depth5@100ms"));

        var fastMessages = new List<JsonElement>();
        var spotMessages = new List<JsonElement>();
        for (var step = 0; step < 20; step++)
        {
            await host.AdvanceAsync(clock);
            fastMessages.Add(await fast.ReceiveJsonAsync());
            spotMessages.Add(await spot.ReceiveJsonAsync());
        }

        var halfMessages = new List<JsonElement>();
        var slowMessages = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            halfMessages.Add(await half.ReceiveJsonAsync());
        }

        for (var i = 0; i < 2; i++)
        {
            slowMessages.Add(await slow.ReceiveJsonAsync());
        }

        // The keys, their order and types are Binance's; levels carry the symbol's precision.
        var first = fastMessages[0];
        Assert.Equal(
            ["e", "E", "T", "s", "U", "u", "pu", "b", "a"],
            first.EnumerateObject().Select(p => p.Name).ToArray()
        );
        Assert.Equal(
            ("depthUpdate", "BTCUSDT"),
            (first.GetProperty("e").GetString(), first.GetProperty("s").GetString())
        );
        foreach (var key in new[] { "E", "T", "U", "u", "pu" })
        {
            Assert.Equal(JsonValueKind.Number, first.GetProperty(key).ValueKind);
        }

        Assert.All(fastMessages, m => Assert.Equal(5, m.GetProperty("b").GetArrayLength()));
        Assert.All(halfMessages, m => Assert.Equal(10, m.GetProperty("a").GetArrayLength()));
        Assert.All(slowMessages, m => Assert.Equal(20, m.GetProperty("b").GetArrayLength()));
        Assert.Matches(@"^\d+\.\d{2}$", first.GetProperty("b")[0][0].GetString());
        Assert.Matches(@"^\d+\.\d{5}$", first.GetProperty("a")[0][1].GetString());

        // Each stream's pu is its previous message's u, U follows pu, and u moves on.
        foreach (var messages in new[] { fastMessages, halfMessages, slowMessages })
        {
            Assert.All(messages, m => Assert.Equal(m.GetProperty("pu").GetInt64() + 1, m.GetProperty("U").GetInt64()));
            Assert.All(messages, m => Assert.True(m.GetProperty("U").GetInt64() <= m.GetProperty("u").GetInt64()));
            Assert.All(messages.Zip(messages.Skip(1)), p =>
                Assert.Equal(p.First.GetProperty("u").GetInt64(), p.Second.GetProperty("pu").GetInt64())
            );
        }

        // The spot stream sends the same snapshots in its own form: lastUpdateId is u, the levels are equal.
        foreach (var (f, s) in fastMessages.Zip(spotMessages))
        {
            Assert.Equal(["lastUpdateId", "bids", "asks"], s.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal(f.GetProperty("u").GetInt64(), s.GetProperty("lastUpdateId").GetInt64());
            Assert.Equal(f.GetProperty("E").GetInt64(), f.GetProperty("T").GetInt64());
            Assert.Equal(
                f.GetProperty("b").EnumerateArray().Select(l => (Dec(l[0]), Dec(l[1]))),
                s.GetProperty("bids").EnumerateArray().Select(l => (Dec(l[0]), Dec(l[1])))
            );
            Assert.Equal(
                f.GetProperty("a").EnumerateArray().Select(l => (Dec(l[0]), Dec(l[1]))),
                s.GetProperty("asks").EnumerateArray().Select(l => (Dec(l[0]), Dec(l[1])))
            );
            Assert.Matches(@"^\d+\.\d{8}$", s.GetProperty("bids")[0][0].GetString());
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task A_combined_futures_stream_wraps_the_futures_forms_under_each_stream_name()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(
            new Uri(host.FuturesWebSocketUrl, "stream?streams=ethusdt@aggTrade/btcusdt@kline_1m/btcusdt@depth5@500ms")
        );

        var seen = new List<JsonElement>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        await host.AdvanceAsync(clock, steps: 10);
        await client.ReceiveUntilAsync(m => names.Add(m.GetProperty("stream").GetString()!) && names.Count == 3, seen);

        Assert.All(seen, m =>
        {
            var data = m.GetProperty("data");
            switch (m.GetProperty("stream").GetString())
            {
                case "ethusdt@aggTrade":
                    Assert.Equal("ETHUSDT", data.GetProperty("s").GetString());
                    Assert.False(data.TryGetProperty("M", out _));
                    Assert.Matches(@"^\d+\.\d{4}$", data.GetProperty("q").GetString());
                    break;
                case "btcusdt@kline_1m":
                    Assert.Matches(@"^\d+\.\d{2}$", data.GetProperty("k").GetProperty("o").GetString());
                    break;
                default:
                    Assert.Equal("depthUpdate", data.GetProperty("e").GetString());
                    Assert.Equal(5, data.GetProperty("b").GetArrayLength());
                    break;
            }
        });
    }

    [Fact(Timeout = 20_000)]
    public async Task The_futures_paths_take_the_same_requests_and_the_futures_speed_500ms_which_spot_refuses()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var futures = await StreamClient.ConnectAsync(new Uri(host.FuturesWebSocketUrl, "ws"));
        await using var spot = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws"));

        await futures.SendAsync(
            """{"method":"SUBSCRIBE","params":["btcusdt@depth10@500ms","ethusdt@aggTrade"],"id":1}"""
        );
        var subscribed = await futures.ReceiveJsonAsync();
        await futures.SendAsync("""{"method":"LIST_SUBSCRIPTIONS","id":2}""");
        var listed = await futures.ReceiveJsonAsync();
        await spot.SendAsync("""{"method":"SUBSCRIBE","params":["btcusdt@depth10@500ms"],"id":3}""");
        var refused = await spot.ReceiveJsonAsync();
        await host.AdvanceAsync(clock);
        var trade = await futures.ReceiveUntilAsync(m => m.GetProperty("e").GetString() == "aggTrade");

        Assert.Equal("""{"result":null,"id":1}""", subscribed.GetRawText());
        Assert.Equal(
            "btcusdt@depth10@500ms ethusdt@aggTrade",
            string.Join(' ', listed.GetProperty("result").EnumerateArray().Select(e => e.GetString()).Order())
        );
        Assert.Equal((2, 3), (refused.GetProperty("code").GetInt32(), refused.GetProperty("id").GetInt32()));
        Assert.Equal(("aggTrade", false), (trade.GetProperty("e").GetString(), trade.TryGetProperty("M", out _)));
        Assert.Equal(
            HttpStatusCode.BadRequest,
            await StreamClient.RefusalStatusAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@depth5@500ms"))
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            await StreamClient.RefusalStatusAsync(new Uri(host.FuturesWebSocketUrl, "stream?streams=btcusdt@trade"))
        );
    }
}
