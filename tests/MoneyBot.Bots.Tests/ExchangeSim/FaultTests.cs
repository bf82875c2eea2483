using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MoneyBot.Bots.Tests.Infrastructure;

namespace MoneyBot.Bots.Tests.ExchangeSim;

public sealed class FaultTests
{
    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task Drop_ends_every_connection_and_new_ones_are_accepted()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var raw = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        await using var combined = await StreamClient.ConnectAsync(
            new Uri(host.WebSocketUrl, "stream?streams=ethusdt@kline_3m")
        );

        var dropped = host.DropConnections();

        Assert.Equal(2, dropped);
        Assert.True(await raw.EndsAsync());
        Assert.True(await combined.EndsAsync());
        Assert.NotEqual(WebSocketState.Open, raw.State);
        await using var again = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        await host.AdvanceAsync(clock);
        Assert.Equal("aggTrade", (await again.ReceiveJsonAsync()).GetProperty("e").GetString());
    }

    [Fact(Timeout = 20_000)]
    public async Task A_stall_keeps_the_socket_open_and_sends_nothing_until_it_ends()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        var market = host.Markets["BTCUSDT"];
        await host.AdvanceAsync(clock);
        var beforeStall = market.LastTradeId;
        await client.ReceiveUntilAsync(m => m.GetProperty("a").GetInt64() == beforeStall);

        host.Stall(TimeSpan.FromSeconds(1));
        await host.AdvanceAsync(clock, steps: 9);
        var lastStalled = market.LastTradeId;
        var suppressed = host.GetStatus().MessagesSuppressed;
        await host.AdvanceAsync(clock, steps: 2);
        var afterStall = await client.ReceiveJsonAsync();

        Assert.True(lastStalled - beforeStall > 50, "trades went on during the stall");
        Assert.True(suppressed > 50);
        Assert.Equal(WebSocketState.Open, client.State);
        Assert.True(afterStall.GetProperty("a").GetInt64() > lastStalled, "nothing from the stall was sent");
    }

    [Fact(Timeout = 20_000)]
    public async Task Malformed_sends_one_invalid_json_frame_per_stream_and_the_streams_go_on()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var raw = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        await using var combined = await StreamClient.ConnectAsync(
            new Uri(host.WebSocketUrl, "stream?streams=btcusdt@aggTrade/ethusdt@kline_1m")
        );

        var frames = host.SendMalformed();

        Assert.Equal(3, frames);
        Assert.False(IsJson((await raw.ReceiveTextAsync())!));
        Assert.False(IsJson((await combined.ReceiveTextAsync())!));
        Assert.False(IsJson((await combined.ReceiveTextAsync())!));
        await host.AdvanceAsync(clock);
        Assert.True(IsJson((await raw.ReceiveTextAsync())!));
        Assert.True(IsJson((await combined.ReceiveTextAsync())!));
    }

    [Fact(Timeout = 20_000)]
    public async Task Refuse_answers_503_to_rest_and_websockets_then_recovers()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        using var http = host.Http();
        var klines = new Uri("api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1", UriKind.Relative);

        host.Refuse(TimeSpan.FromSeconds(5));
        using var refused = await http.GetAsync(klines);
        var wsStatus = await StreamClient.RefusalStatusAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        using var status = await http.GetAsync(new Uri("sim/status", UriKind.Relative));
        clock.Advance(TimeSpan.FromSeconds(5));
        using var recovered = await http.GetAsync(klines);
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, wsStatus);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact(Timeout = 20_000)]
    public async Task The_control_api_injects_faults_and_reports_status()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        using var http = host.Http();
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));

        using var stall = await http.PostAsync(new Uri("sim/faults/stall?seconds=3", UriKind.Relative), null);
        var stalled = await http.GetStringAsync(new Uri("sim/status", UriKind.Relative));
        using var clear = await http.PostAsync(new Uri("sim/faults/clear", UriKind.Relative), null);
        using var unknown = await http.PostAsync(new Uri("sim/faults/explode", UriKind.Relative), null);
        using var badSeconds = await http.PostAsync(new Uri("sim/faults/refuse?seconds=soon", UriKind.Relative), null);
        using var drop = await http.PostAsync(new Uri("sim/faults/drop", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, stall.StatusCode);
        using var status = JsonDocument.Parse(stalled);
        Assert.Equal(3, status.RootElement.GetProperty("stallSecondsLeft").GetDouble());
        Assert.Equal(1, status.RootElement.GetProperty("connections").GetInt32());
        Assert.Equal(60, status.RootElement.GetProperty("speed").GetDouble());
        Assert.Equal(2, status.RootElement.GetProperty("symbols").GetArrayLength());
        Assert.Equal(0, host.GetStatus().StallSecondsLeft);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSeconds.StatusCode);
        Assert.Equal("""{"fault":"drop","affected":1}""", await drop.Content.ReadAsStringAsync());
        Assert.True(await client.EndsAsync());
    }

    [Fact(Timeout = 20_000)]
    public async Task Skip_trades_withholds_the_next_n_trades_from_the_stream_while_rest_still_serves_them()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        await using var client = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        using var http = host.Http();
        var market = host.Markets["BTCUSDT"];
        await host.AdvanceAsync(clock);
        var before = market.LastTradeId;
        await client.ReceiveUntilAsync(m => m.GetProperty("a").GetInt64() == before);

        var withheld = host.SkipTrades(5, "btcusdt");
        while (market.LastTradeId <= before + 5)
        {
            await host.AdvanceAsync(clock);
        }

        var next = await client.ReceiveJsonAsync();
        var spot = await http.GetStringAsync(
            new Uri($"api/v3/aggTrades?symbol=BTCUSDT&fromId={before + 1}&limit=5", UriKind.Relative)
        );
        var futures = await http.GetStringAsync(
            new Uri($"fapi/v1/aggTrades?symbol=BTCUSDT&fromId={before + 1}&limit=5", UriKind.Relative)
        );
        var status = host.GetStatus();

        Assert.Equal(5, withheld);
        Assert.Equal(before + 6, next.GetProperty("a").GetInt64());
        long[] skipped = [before + 1, before + 2, before + 3, before + 4, before + 5];
        Assert.Equal(skipped, Ids(spot));
        Assert.Equal(skipped, Ids(futures));
        Assert.Equal(5, status.TradesSkipped);
        var btc = Assert.Single(status.Symbols, s => s.Symbol == "BTCUSDT");
        Assert.Equal((5, 0), (btc.TradesSkipped, btc.TradesToSkip));
        Assert.Equal(0, Assert.Single(status.Symbols, s => s.Symbol == "ETHUSDT").TradesSkipped);
    }

    [Fact(Timeout = 20_000)]
    public async Task The_control_api_skips_trades_of_every_symbol_reports_them_and_clears_them()
    {
        var clock = Clocks.In2030();
        await using var host = await TestExchange.StartAsync(clock);
        using var http = host.Http();
        await using var client = await StreamClient.ConnectAsync(
            new Uri(host.WebSocketUrl, "stream?streams=btcusdt@aggTrade/ethusdt@aggTrade")
        );
        await host.AdvanceAsync(clock);
        var before = host.Markets.All.ToDictionary(m => m.Symbol, m => m.LastTradeId);
        var received = new Dictionary<string, long>();
        await client.ReceiveUntilAsync(m =>
        {
            var trade = m.GetProperty("data");
            received[trade.GetProperty("s").GetString()!] = trade.GetProperty("a").GetInt64();
            return received.Count == 2 && before.All(b => received[b.Key] == b.Value);
        });

        using var skip = await http.PostAsync(new Uri("sim/faults/skip-trades?count=3", UriKind.Relative), null);
        var pending = await http.GetStringAsync(new Uri("sim/status", UriKind.Relative));
        while (host.Markets.All.Any(m => m.LastTradeId <= before[m.Symbol] + 3))
        {
            await host.AdvanceAsync(clock);
        }

        var firstAfter = new Dictionary<string, long>();
        await client.ReceiveUntilAsync(m =>
        {
            var trade = m.GetProperty("data");
            firstAfter.TryAdd(trade.GetProperty("s").GetString()!, trade.GetProperty("a").GetInt64());
            return firstAfter.Count == 2;
        });
        using var again = await http.PostAsync(
            new Uri("sim/faults/skip-trades?count=1000&symbol=ETHUSDT", UriKind.Relative),
            null
        );
        using var clear = await http.PostAsync(new Uri("sim/faults/clear", UriKind.Relative), null);
        using var badCount = await http.PostAsync(new Uri("sim/faults/skip-trades?count=-2", UriKind.Relative), null);
        using var badSymbol = await http.PostAsync(
            new Uri("sim/faults/skip-trades?count=2&symbol=DOGEUSDT", UriKind.Relative),
            null
        );
        var cleared = await http.GetStringAsync(new Uri("sim/status", UriKind.Relative));

        Assert.Equal("""{"fault":"skip-trades","affected":6}""", await skip.Content.ReadAsStringAsync());
        using (var status = JsonDocument.Parse(pending))
        {
            Assert.All(status.RootElement.GetProperty("symbols").EnumerateArray(), s =>
                Assert.Equal(3, s.GetProperty("tradesToSkip").GetInt64())
            );
        }

        Assert.All(before, b => Assert.Equal(b.Value + 4, firstAfter[b.Key]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCount.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSymbol.StatusCode);
        Assert.Contains("DOGEUSDT", await badSymbol.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var status = JsonDocument.Parse(cleared))
        {
            Assert.Equal(6, status.RootElement.GetProperty("tradesSkipped").GetInt64());
            Assert.All(status.RootElement.GetProperty("symbols").EnumerateArray(), s =>
                Assert.Equal(0, s.GetProperty("tradesToSkip").GetInt64())
            );
        }
    }

    private static long[] Ids(string aggTrades)
    {
        using var document = JsonDocument.Parse(aggTrades);
        return [.. document.RootElement.EnumerateArray().Select(t => t.GetProperty("a").GetInt64())];
    }
}
