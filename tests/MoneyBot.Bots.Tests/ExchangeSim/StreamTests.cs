using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MoneyBot.Bots.Tests.Infrastructure;

namespace MoneyBot.Bots.Tests.ExchangeSim;

public sealed class StreamTests
{
    private static readonly long T0 = TestExchange.Start.ToUnixTimeMilliseconds();

    private static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    [Fact(Timeout = 20_000)]
    public async Task The_raw_aggTrade_stream_sends_every_trade_of_the_tape_in_id_order()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        var before = host.Markets["BTCUSDT"].LastTradeId;

        await host.AdvanceAsync(clock, steps: 10);
        var last = host.Markets["BTCUSDT"].LastTradeId;
        var received = new List<JsonElement>();
        await client.ReceiveUntilAsync(m => m.GetProperty("a").GetInt64() == last, received);

        var tape = host.Markets["BTCUSDT"].GetAggTrades(before + 1, null, null, 1000);
        Assert.InRange(received.Count, 100, 1000);
        Assert.Equal(tape.Select(t => t.Id), received.Select(m => m.GetProperty("a").GetInt64()));
        Assert.Equal(
            tape.Select(t => (t.Price, t.Quantity, t.Time, t.IsBuyerMaker)),
            received.Select(m =>
                (
                    Dec(m.GetProperty("p")),
                    Dec(m.GetProperty("q")),
                    m.GetProperty("T").GetInt64(),
                    m.GetProperty("m").GetBoolean()
                )
            )
        );
        var first = received[0];
        Assert.Equal("aggTrade", first.GetProperty("e").GetString());
        Assert.Equal("BTCUSDT", first.GetProperty("s").GetString());
        Assert.Matches(@"^\d+\.\d{8}$", first.GetProperty("p").GetString());
        Assert.True(first.GetProperty("E").GetInt64() >= first.GetProperty("T").GetInt64());
    }

    [Fact(Timeout = 20_000)]
    public async Task The_combined_stream_wraps_each_message_with_its_stream_name()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(
            new Uri(host.WebSocketUrl, "stream?streams=ethusdt@aggTrade/btcusdt@kline_1m")
        );

        await host.AdvanceAsync(clock);
        var seen = new List<JsonElement>();
        await client.ReceiveUntilAsync(m => m.GetProperty("stream").GetString() == "btcusdt@kline_1m", seen);
        await client.ReceiveUntilAsync(m => m.GetProperty("stream").GetString() == "ethusdt@aggTrade", seen);

        Assert.All(seen, m =>
        {
            var data = m.GetProperty("data");
            var expected =
                m.GetProperty("stream").GetString() == "ethusdt@aggTrade"
                    ? ("aggTrade", "ETHUSDT")
                    : ("kline", "BTCUSDT");
            Assert.Equal(expected, (data.GetProperty("e").GetString(), data.GetProperty("s").GetString()));
        });
    }

    [Fact(Timeout = 30_000)]
    public async Task A_kline_closes_exactly_once_at_its_boundary_and_matches_rest()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@kline_3m"));
        var closedAtStep = new List<(int Step, JsonElement Kline)>();
        var updates = new List<JsonElement>();

        for (var step = 1; step <= 10; step++)
        {
            await host.AdvanceAsync(clock, steps: 10); // one real second: one simulated minute at 60x
            var now = host.Now.ToUnixTimeMilliseconds();
            var seen = new List<JsonElement>();
            await client.ReceiveUntilAsync(
                m => !m.GetProperty("k").GetProperty("x").GetBoolean() && m.GetProperty("E").GetInt64() == now,
                seen
            );
            closedAtStep.AddRange(
                seen.Where(m => m.GetProperty("k").GetProperty("x").GetBoolean())
                    .Select(m => (step, m.GetProperty("k")))
            );
            updates.AddRange(seen.Where(m => !m.GetProperty("k").GetProperty("x").GetBoolean()));
        }

        Assert.Equal(
            [(3, T0), (6, T0 + 180_000), (9, T0 + 360_000)],
            closedAtStep.Select(c => (c.Step, c.Kline.GetProperty("t").GetInt64()))
        );
        var rest = host.Markets["BTCUSDT"]
            .GetKlines(MoneyBot.ExchangeSim.Market.CandleInterval.Parse("3m"), T0, T0 + 360_000, 3);
        foreach (var ((_, k), candle) in closedAtStep.Zip(rest))
        {
            Assert.Equal(candle.CloseTime, k.GetProperty("T").GetInt64());
            Assert.Equal(
                (candle.Open, candle.High, candle.Low, candle.Close, candle.Volume),
                (
                    Dec(k.GetProperty("o")),
                    Dec(k.GetProperty("h")),
                    Dec(k.GetProperty("l")),
                    Dec(k.GetProperty("c")),
                    Dec(k.GetProperty("v"))
                )
            );
            Assert.Equal(candle.TradeCount, k.GetProperty("n").GetInt32());
            var closedIndex = updates.FindLastIndex(u =>
                u.GetProperty("k").GetProperty("t").GetInt64() == candle.OpenTime
            );
            Assert.True(
                closedIndex
                    < updates.FindIndex(u =>
                        u.GetProperty("k").GetProperty("t").GetInt64() == candle.OpenTime + 180_000
                    )
            );
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task Depth20_snapshots_arrive_every_tick_around_the_last_price()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(
            new Uri(host.WebSocketUrl, "ws/btcusdt@depth20@100ms")
        );

        await host.AdvanceAsync(clock);
        var first = await client.ReceiveJsonAsync();
        await host.AdvanceAsync(clock);
        var second = await client.ReceiveJsonAsync();

        Assert.Equal(20, first.GetProperty("bids").GetArrayLength());
        Assert.Equal(20, first.GetProperty("asks").GetArrayLength());
        Assert.True(second.GetProperty("lastUpdateId").GetInt64() > first.GetProperty("lastUpdateId").GetInt64());
        var bid = Dec(second.GetProperty("bids")[0][0]);
        var ask = Dec(second.GetProperty("asks")[0][0]);
        Assert.True(bid < ask);
        Assert.InRange(host.Markets["BTCUSDT"].LastPrice, bid - 1m, ask + 1m);
    }

    [Fact(Timeout = 20_000)]
    public async Task Streams_can_be_subscribed_and_listed_on_a_bare_socket()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws"));

        await client.SendAsync("""{"method":"SUBSCRIBE","params":["ethusdt@aggTrade"],"id":1}""");
        var subscribed = await client.ReceiveJsonAsync();
        await client.SendAsync("""{"method":"SUBSCRIBE","params":["ethusdt@trade"],"id":"x"}""");
        var refused = await client.ReceiveJsonAsync();
        await client.SendAsync("""{"method":"LIST_SUBSCRIPTIONS","id":2}""");
        var listed = await client.ReceiveJsonAsync();
        await host.AdvanceAsync(clock);
        var trade = await client.ReceiveJsonAsync();

        Assert.Equal("""{"result":null,"id":1}""", subscribed.GetRawText());
        Assert.Equal((2, "x"), (refused.GetProperty("code").GetInt32(), refused.GetProperty("id").GetString()));
        Assert.Equal("""{"result":["ethusdt@aggTrade"],"id":2}""", listed.GetRawText());
        Assert.Equal("ETHUSDT", trade.GetProperty("s").GetString());
    }

    [Fact(Timeout = 20_000)]
    public async Task An_unknown_stream_is_refused_with_400()
    {
        await using var host = await TestExchange.StartAsync(Clocks.In2030());

        Assert.Equal(
            HttpStatusCode.BadRequest,
            await StreamClient.RefusalStatusAsync(new Uri(host.WebSocketUrl, "ws/dogeusdt@aggTrade"))
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            await StreamClient.RefusalStatusAsync(new Uri(host.WebSocketUrl, "stream?streams=btcusdt@kline_7m"))
        );
    }

    [Fact(Timeout = 20_000)]
    public async Task A_connection_is_closed_with_a_close_frame_at_its_maximum_age()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock, o =>
            o with
            {
                MaxConnectionAge = TimeSpan.FromSeconds(2),
            }
        );
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@kline_1h"));

        await host.AdvanceAsync(clock, steps: 19);
        await client.ReceiveJsonAsync();
        await host.AdvanceAsync(clock, steps: 1);
        string? text;
        do
        {
            text = await client.ReceiveTextAsync();
        } while (text is not null);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }
}
