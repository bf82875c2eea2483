using MoneyBot.Bots.Tests.Infrastructure;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

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
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await TestExchange.StartAsync(clock);
        await using var raw = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        await using var combined = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "stream?streams=ethusdt@kline_3m"));

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
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
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
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await TestExchange.StartAsync(clock);
        await using var raw = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "ws/btcusdt@aggTrade"));
        await using var combined = await StreamClient.ConnectAsync(new Uri(host.WebSocketUrl, "stream?streams=btcusdt@aggTrade/ethusdt@kline_1m"));

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
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
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
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
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
}
