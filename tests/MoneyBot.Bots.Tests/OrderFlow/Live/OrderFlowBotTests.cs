using System.Text.Json;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Telegram;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.MarketData;
using MoneyBot.MarketData.Rest;
using MoneyBot.OrderFlow.Cli;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Live;

/// <summary>
/// The live bot against the simulated exchange: HTTP API, notify protocol, id-gap backfill, honest staleness.
/// </summary>
public sealed class OrderFlowBotTests
{
    [Fact(Timeout = 90_000)]
    public async Task A_bot_fed_by_the_simulator_serves_the_exchange_time_windows_the_exchange_itself_reports()
    {
        // Arrange: 3 trades per simulated second at 60x; the bot warms up one minute by REST, then streams.
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        using var notify = new NotifyListener();
        await using var rig = await OrderFlowRig.StartAsync(
            OrderFlowRig.OptionsFor(exchange) with
            {
                NotifySocket = notify.Path,
                WatchdogTimeout = TimeSpan.FromSeconds(3),
            }
        );
        await rig.WaitForStreamedTradesAsync(100);
        await notify.Datagrams.WaitForAsync(d =>
            d.Status?.StartsWith("BTCUSDT Δ5m ", StringComparison.Ordinal) == true
        );
        await notify.Datagrams.WaitForAsync(d => d.Has("WATCHDOG=1"));

        // Act: read the API while it runs, then stop it so the figures hold still, and read them once more.
        var (statusCode, status) = await rig.GetJsonAsync("/status");
        var prometheus = await rig.GetTextAsync("/metrics");
        var (metricsCode, metrics) = await rig.GetJsonAsync("/metrics/btcusdt?window=45s");
        var exit = await rig.StopAsync();
        var flow = rig.Bot.Board.Read(Exchange.Symbol, (f, s) =>
            (
                Now: f.NowMs,
                Delta60: f.Window(TimeSpan.FromSeconds(60), f.NowMs),
                Trades: f.Trades,
                Covered: f.Covers(TimeSpan.FromSeconds(60), f.NowMs)
            )
        );
        var truth = await ExchangeDeltaAsync(exchange, flow.Now - 60_000, flow.Now);

        // Assert: the API answered honestly; the board's 60 s window is exactly the exchange's own trades in (t - 60 s,
        // t].
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(200, statusCode);
        var symbol = status.GetProperty("symbols")[0];
        Assert.False(symbol.GetProperty("stale").GetBoolean());
        Assert.Equal("connected", status.GetProperty("streams")[0].GetProperty("state").GetString());
        Assert.Contains("orderflow_delta{symbol=\"BTCUSDT\",window=\"300s\"}", prometheus, StringComparison.Ordinal);
        Assert.Equal(200, metricsCode);
        Assert.Equal(
            "45s",
            Assert.Single(metrics.GetProperty("windows").EnumerateArray()).GetProperty("window").GetString()
        );
        Assert.True(flow.Covered, "one minute of warm-up covers the 60 s window");
        Assert.Equal(truth.Trades, flow.Delta60.Trades);
        Assert.Equal(truth.Delta, flow.Delta60.Delta);
        Assert.Single(notify.With("READY=1"));
        await notify.Datagrams.WaitForAsync(d => d.Has("STOPPING=1"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Trades_the_stream_never_sent_are_backfilled_by_REST_before_the_next_one_so_no_id_is_missing()
    {
        // Arrange
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        await using var rig = await OrderFlowRig.StartAsync(OrderFlowRig.OptionsFor(exchange));
        await rig.WaitForStreamedTradesAsync(20);

        // Act: the exchange leaves 25 trades out of the stream (REST still has them).
        var skipped = exchange.SkipTrades(25, Exchange.Symbol);
        await rig.Trades.WaitUntilAsync(
            all => all.Count(t => t.Source == TradeSource.Backfill) >= 25,
            TimeSpan.FromSeconds(30)
        );
        await rig.WaitForStreamedTradesAsync(20);
        var status = rig.Bot.Board.Status(Exchange.Symbol);
        var counters = rig.Bot.Board.Read(Exchange.Symbol, (f, _) => f.Counters);
        await rig.StopAsync();

        // Assert: every id from the first to the last applied exactly once, in order; the hole was one backfill.
        Assert.True(skipped >= 0);
        var ids = rig.Trades.Items.Select(t => t.TradeId).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids);
        Assert.Equal((1L, 25L, 0L), (status.Backfills, status.BackfilledTrades, status.BackfillFailures));
        Assert.Equal((0L, 0L), (counters.Gaps, counters.MissedTrades));
        await rig.Log.WaitForAsync("backfilled 25 missed trades");
    }

    [Fact(Timeout = 90_000)]
    public async Task While_the_feed_is_stale_every_condition_answers_unknown_and_the_status_says_so()
    {
        // Arrange
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        await using var rig = await OrderFlowRig.StartAsync(OrderFlowRig.OptionsFor(exchange));
        await rig.WaitForStreamedTradesAsync(50);
        var (_, fresh) = await rig.GetJsonAsync("/conditions/BTCUSDT?window=30s&price=50000&tolerance=10");

        // Act: the exchange goes silent for a minute; the bot notices after 1 s (its stream then reconnects, to
        // silence).
        exchange.Stall(TimeSpan.FromMinutes(1));
        await rig.Log.WaitForAsync("stale: no message for 1s");
        var (_, stale) = await rig.GetJsonAsync("/conditions/BTCUSDT?window=30s&price=50000&tolerance=10");
        var (_, status) = await rig.GetJsonAsync("/status");
        exchange.ClearFaults();
        await rig.WaitForStreamedTradesAsync(20);
        var (_, again) = await rig.GetJsonAsync("/conditions/BTCUSDT?window=30s&price=50000&tolerance=10");

        // Assert
        Assert.Contains(Values(fresh), v => v != "unknown");
        Assert.All(Values(stale), v => Assert.Equal("unknown", v));
        Assert.All(stale.GetProperty("conditions").EnumerateArray(), c =>
            Assert.Contains("stale", c.GetProperty("reason").GetString()!, StringComparison.OrdinalIgnoreCase)
        );
        Assert.True(status.GetProperty("symbols")[0].GetProperty("stale").GetBoolean());
        Assert.Contains(Values(again), v => v != "unknown");
    }

    [Fact(Timeout = 90_000)]
    public async Task Whale_trades_from_the_stream_reach_Telegram_grouped_in_bursts()
    {
        // Arrange: the simulator prints a whale (0.7M..5M) about every 700 trades: every few seconds at 60x.
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        var settings = BotTelegramSettings.Enabled(
            TelegramToken.Parse("123456:TEST-token_for-orderflow"),
            [ChatId.FromId(42)],
            telegram.BaseUrl
        );
        await using var rig = await OrderFlowRig.StartAsync(
            OrderFlowRig.OptionsFor(exchange) with
            {
                Telegram = settings,
                AlertTier = WhaleTier.Large,
                AlertBurst = TimeSpan.FromMilliseconds(500),
            }
        );

        // Act
        var message = await telegram.Messages.WaitForAsync(
            m => m.Text.Contains("BTCUSDT", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60)
        );

        // Assert: a whale of the stream at or above the tier (the warm-up's older whales are not alerted).
        Assert.Equal("42", message.ChatId);
        Assert.Contains("🐋", message.Text, StringComparison.Ordinal);
        var whales = rig.Bot.Board.Read(Exchange.Symbol, (f, _) => f.RecentWhales(f.NowMs, WhaleTier.Large));
        Assert.NotEmpty(whales);
    }

    private static List<string> Values(JsonElement conditions) =>
        [.. conditions.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("value").GetString()!)];

    /// <summary>
    /// The exchange's own trades with a time in (from, to]: count and buy minus sell quantity, by REST.
    /// </summary>
    private static async Task<(long Trades, decimal Delta)> ExchangeDeltaAsync(
        SimulatedExchangeHost exchange,
        long fromMs,
        long toMs
    )
    {
        using var http = new HttpClient();
        var rest = new BinanceRestClient(http, exchange.Endpoints());
        var first = await rest.GetAggTradesAsync(
            Market.Spot,
            Exchange.Symbol,
            startTime: DateTimeOffset.FromUnixTimeMilliseconds(fromMs + 1),
            endTime: DateTimeOffset.FromUnixTimeMilliseconds(toMs),
            limit: 1
        );
        Assert.True(first.Ok, first.ToString());
        var (count, delta, next) = (0L, 0m, first.Value[0].AggregateTradeId);
        while (true)
        {
            var page = await rest.GetAggTradesAsync(Market.Spot, Exchange.Symbol, fromId: next, limit: 1000);
            Assert.True(page.Ok, page.ToString());
            foreach (var trade in page.Value.Where(t => t.TradeTime.ToUnixTimeMilliseconds() <= toMs))
            {
                count++;
                delta += trade.BuyerIsMaker ? -trade.Quantity : trade.Quantity;
            }

            if (page.Value.Count < 1000 || page.Value[^1].TradeTime.ToUnixTimeMilliseconds() > toMs)
            {
                return (count, delta);
            }

            next = page.Value[^1].AggregateTradeId + 1;
        }
    }
}
