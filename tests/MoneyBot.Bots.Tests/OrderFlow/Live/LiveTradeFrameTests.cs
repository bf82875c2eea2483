using System.Globalization;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.MarketData;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Live;

/// <summary>
/// The live trades stream reads each websocket frame with the replay's reader (<c>AggTradeReader</c>): what it
/// accepts, passes over and refuses on the live socket, and the stream's faults around it.
/// </summary>
public sealed class LiveTradeFrameTests
{
    private const string Symbol = Exchange.Symbol;

    [Fact(Timeout = 60_000)]
    public async Task Every_frame_of_the_trades_socket_is_read_as_the_replay_reads_it()
    {
        // Arrange: a server that sends exactly our frames; no warm-up (it has no REST API).
        await using var server = await ScriptedStreamServer.StartAsync();
        await using var rig = await OrderFlowRig.StartAsync(
            new LiveOptions
            {
                Symbols = [Symbol],
                Market = Market.Spot,
                Endpoints = server.Endpoints,
                ApiUrl = new Uri("http://127.0.0.1:0"),
                StaleAfter = TimeSpan.FromSeconds(30),
                Warmup = TimeSpan.Zero,
                Reconnect = Exchange.FastBackoff,
            }
        );
        var trades = await server.ConnectionToAsync("btcusdt@aggTrade");

        // Act
        await trades.SendAsync(
            Trade(100),
            "{\"stream\":\"btcusdt@aggTrade\",\"data\":" + Trade(101) + "}",
            "{\"result\":null,\"id\":1}", // a subscription answer: passed over (the old parser called it malformed)
            "{\"lastUpdateId\":7,\"bids\":[[\"96999.90\",\"1.0\"]],\"asks\":[[\"97000.10\",\"2.0\"]]}", // the book's
            Trade(102).Replace("\"p\":\"97000.10\"", "\"p\":\"0\"", StringComparison.Ordinal), // refused
            Trade(102).Replace("\"E\":1767225600102,", "", StringComparison.Ordinal), // no E: the reader needs none
            Trade(900, "ETHUSDT"),
            Trade(901, "ETHUSDT"),
            Trade(103)
        );
        await rig.Trades.WaitUntilAsync(all => all.Any(t => t.TradeId == 103));
        var (_, status) = await rig.GetJsonAsync("/status");
        var applied = rig.Bot.Board.Read(Symbol, (f, _) => (f.Trades, f.Counters.Gaps));

        // Assert: raw and wrapped trades applied in order; the refused frame skipped with the reader's reason.
        Assert.Equal(
            [
                (100L, TradeSource.Stream),
                (101, TradeSource.Stream),
                (102, TradeSource.Stream),
                (103, TradeSource.Stream),
            ],
            rig.Trades.Items.Select(t => (t.TradeId, t.Source))
        );
        Assert.Equal((4L, 0L), applied);
        var malformed = Assert.Single(rig.Log.Lines, l => l.Contains("malformed", StringComparison.Ordinal));
        Assert.StartsWith(
            "Warning: stream trades: skipped malformed message #1 (\"p\" (price) is missing or not a positive decimal "
                + "string): {\"e\":\"aggTrade\"",
            malformed,
            StringComparison.Ordinal
        );
        Assert.Single(rig.Log.Lines, l => l.Contains("a trade of ETHUSDT, which the bot", StringComparison.Ordinal));
        var stream = status.GetProperty("streams")[0];
        Assert.Equal(
            ("trades", 8L, 1L),
            (
                stream.GetProperty("name").GetString(),
                stream.GetProperty("messages").GetInt64(),
                stream.GetProperty("malformed").GetInt64()
            )
        );
    }

    [Fact(Timeout = 90_000)]
    public async Task A_cut_off_frame_on_the_live_socket_is_logged_with_the_reader_s_reason_and_later_trades_apply()
    {
        // Arrange
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        await using var rig = await OrderFlowRig.StartAsync(OrderFlowRig.OptionsFor(exchange));
        await rig.WaitForStreamedTradesAsync(20);

        // Act: one frame cut off mid-message on each connection (trades and book).
        Assert.True(exchange.SendMalformed() >= 1);
        var line = await rig.Log.WaitForAsync("stream trades: skipped malformed message #1");
        await rig.WaitForStreamedTradesAsync(20);
        var counters = rig.Bot.Board.Read(Symbol, (f, _) => f.Counters);
        await rig.StopAsync();

        // Assert: the reader's words, the stream still the same connection, no id lost.
        Assert.Contains("(not valid JSON: ", line, StringComparison.Ordinal);
        Assert.Contains("{\"e\":\"aggTrade\",\"E\":17,\"s\":\"BTC", line, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("trades stream reconnected", StringComparison.Ordinal));
        AssertContiguous(rig);
        Assert.Equal((0L, 0L), (counters.Gaps, counters.MissedTrades));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_lost_trades_connection_reaches_the_feed_as_a_notice_and_no_id_goes_missing()
    {
        // Arrange
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        await using var rig = await OrderFlowRig.StartAsync(OrderFlowRig.OptionsFor(exchange));
        await rig.WaitForStreamedTradesAsync(20);

        // Act: both connections dropped without a close handshake; trades sent meanwhile are lost to the stream.
        Assert.True(exchange.DropConnections() >= 1);
        var line = await rig.Log.WaitForAsync("trades stream reconnected after 'receive: ");
        await rig.WaitForStreamedTradesAsync(30);
        var counters = rig.Bot.Board.Read(Symbol, (f, _) => f.Counters);
        await rig.StopAsync();

        // Assert: the feed heard of the reconnection; whatever was lost came back by REST, in order.
        Assert.StartsWith("Information: trades stream reconnected", line, StringComparison.Ordinal);
        AssertContiguous(rig);
        Assert.Equal((0L, 0L), (counters.Gaps, counters.MissedTrades));
    }

    /// <summary>A raw aggTrade as Binance sends it: 0.5 at 97000.10 bought by a taker at 1767225600000 + id.</summary>
    private static string Trade(long id, string symbol = Symbol) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"e\":\"aggTrade\",\"E\":{1767225600000 + id},\"s\":\"{symbol}\",\"a\":{id},\"p\":\"97000.10\","
                + $"\"q\":\"0.500\",\"f\":{id * 2},\"l\":{id * 2},\"T\":{1767225600000 + id},\"m\":false,\"M\":true}}"
        );

    private static void AssertContiguous(OrderFlowRig rig)
    {
        var ids = rig.Trades.Items.Select(t => t.TradeId).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids);
    }
}
