using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Telegram;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Alerts;

/// <summary>Whale alerts through the bot's own Telegram client to a fake Bot API, on a manual clock.</summary>
public sealed class WhaleAlertsTests
{
    private const string Token = "123456:SECRET-token_abcdef";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact(Timeout = 30_000)]
    public async Task A_burst_of_five_trades_gives_one_message_that_sums_it_up()
    {
        // Arrange
        await using var telegram = await FakeTelegramServer.StartAsync();
        var clock = Clocks.AtNoon();
        await using var alerts = Alerts(telegram, clock);

        // Act
        alerts.Add("BTCUSDT", Trade(1, clock, 97_250.5m, 12.34m, Aggressor.Buy));
        clock.Advance(Second);
        alerts.Add("BTCUSDT", Trade(2, clock, 97_300m, 6m, Aggressor.Sell));
        clock.Advance(Second);
        alerts.Add("BTCUSDT", Trade(3, clock, 97_100m, 20m, Aggressor.Buy));
        clock.Advance(Second);
        alerts.Add("BTCUSDT", Trade(4, clock, 97_200m, 7m, Aggressor.Buy));
        clock.Advance(Second);
        alerts.Add("BTCUSDT", Trade(5, clock, 97_150m, 8m, Aggressor.Sell));
        clock.Advance(Window);
        await alerts.WhenIdleAsync();
        // a later burst shows nothing else came first
        alerts.Add("BTCUSDT", Trade(6, clock, 97_000m, 10m, Aggressor.Sell));
        clock.Advance(Window);
        await alerts.WhenIdleAsync();

        // Assert
        var sent = await telegram.Messages.WaitUntilAsync(all => all.Count >= 2);
        Assert.Equal(2, sent.Count);
        var burst = sent[0].Text;
        Assert.StartsWith(
            "🐋 <b>BTCUSDT: 5 whale trades</b> (large and up), 12:00:00–12:00:04 UTC\n",
            burst,
            StringComparison.Ordinal
        );
        Assert.Contains("BUY 3.82M (3) · SELL 1.36M (2) · net BUY +2.46M", burst, StringComparison.Ordinal);
        Assert.Contains("Largest: BTCUSDT WHALE BUY 1.94M @ 97,100 (20 BTC)", burst, StringComparison.Ordinal);
        Assert.Contains("Price 97,100 – 97,300", burst, StringComparison.Ordinal);
        Assert.Equal(5, burst.Split('\n').Count(l => l.StartsWith('•')));
        Assert.StartsWith("🐋 BTCUSDT LARGE SELL 970K @ 97,000 (10 BTC)", sent[1].Text, StringComparison.Ordinal);
        Assert.All(sent, m => Assert.Equal(("42", "HTML"), (m.ChatId, m.ParseMode)));
        Assert.Equal(new WhaleAlertCounters(6, 2, 2, 0), alerts.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task Trades_below_the_minimum_tier_give_no_message()
    {
        // Arrange
        await using var telegram = await FakeTelegramServer.StartAsync();
        var clock = Clocks.AtNoon();
        await using var alerts = Alerts(telegram, clock);

        // Act
        alerts.Add("BTCUSDT", Trade(1, clock, 100_000m, 4.99m, Aggressor.Buy)); // medium: 499k
        alerts.Add("BTCUSDT", Trade(2, clock, 100_000m, 0.6m, Aggressor.Sell)); // small
        var timerAfterSmallOnes = clock.WhenTimerPendingAsync().IsCompleted;
        clock.Advance(Window * 2);
        alerts.Add("BTCUSDT", Trade(3, clock, 100_000m, 5m, Aggressor.Sell)); // large: exactly 500k
        clock.Advance(Window);
        await alerts.WhenIdleAsync();

        // Assert
        Assert.False(timerAfterSmallOnes, "no burst was opened");
        var sent = await telegram.Messages.WaitUntilAsync(all => all.Count >= 1);
        var only = Assert.Single(sent);
        Assert.StartsWith(
            "🐋 BTCUSDT LARGE SELL 500K @ 100,000 (5 BTC)\n12:00:20 UTC · agg trade 3",
            only.Text,
            StringComparison.Ordinal
        );
        Assert.Equal(new WhaleAlertCounters(1, 1, 1, 0), alerts.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task Two_bursts_further_apart_than_the_window_give_two_messages()
    {
        // Arrange
        await using var telegram = await FakeTelegramServer.StartAsync();
        var clock = Clocks.AtNoon();
        await using var alerts = Alerts(telegram, clock);

        // Act
        alerts.Add("BTCUSDT", Trade(1, clock, 97_000m, 11m, Aggressor.Buy));
        clock.Advance(Second * 3);
        alerts.Add("BTCUSDT", Trade(2, clock, 97_010m, 12m, Aggressor.Buy));
        clock.Advance(Window);
        await alerts.WhenIdleAsync();
        clock.Advance(Second * 5);
        alerts.Add("BTCUSDT", Trade(3, clock, 96_900m, 13m, Aggressor.Sell));
        clock.Advance(Window);
        await alerts.WhenIdleAsync();

        // Assert
        var sent = await telegram.Messages.WaitUntilAsync(all => all.Count >= 2);
        Assert.Equal(2, sent.Count);
        Assert.StartsWith("🐋 <b>BTCUSDT: 2 whale trades</b>", sent[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("🐋 BTCUSDT WHALE SELL 1.26M @ 96,900 (13 BTC)", sent[1].Text, StringComparison.Ordinal);
        Assert.Equal(new WhaleAlertCounters(3, 2, 2, 0), alerts.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task Past_the_cap_bursts_are_held_back_and_summed_up_in_one_message()
    {
        // Arrange
        await using var telegram = await FakeTelegramServer.StartAsync();
        var clock = Clocks.AtNoon();
        await using var alerts = Alerts(telegram, clock, maxPerMinute: 2);

        // Act: four bursts 11 s apart, then the minute of holding back runs out
        for (var i = 1; i <= 4; i++)
        {
            alerts.Add(
                i % 2 == 0 ? "ETHUSDT" : "BTCUSDT",
                Trade(i, clock, 97_000m, 10m + i, i % 2 == 0 ? Aggressor.Sell : Aggressor.Buy)
            );
            clock.Advance(Window + Second);
            await alerts.WhenIdleAsync();
        }

        var heldBeforeTheMinute = alerts.Counters;
        clock.Advance(TimeSpan.FromMinutes(1));
        await alerts.WhenIdleAsync();

        // Assert
        Assert.Equal(new WhaleAlertCounters(4, 4, 2, 2), heldBeforeTheMinute);
        var sent = await telegram.Messages.WaitUntilAsync(all => all.Count >= 3);
        Assert.Equal(3, sent.Count);
        var held = sent[2].Text;
        Assert.StartsWith(
            "⏸ <b>Whale alerts held back</b>: more than 2 messages a minute.\n2 burst(s), 2 trade(s), "
                + "12:00:22–12:00:33 UTC:",
            held,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "<b>BTCUSDT</b>: BUY 1.26M (1) · SELL 0 (0) · net BUY +1.26M; largest WHALE BUY 1.26M @ 97,000 (13 BTC)",
            held,
            StringComparison.Ordinal
        );
        Assert.Contains("<b>ETHUSDT</b>: BUY 0 (0) · SELL 1.36M (1)", held, StringComparison.Ordinal);
        Assert.Equal(new WhaleAlertCounters(4, 4, 3, 2), alerts.Counters);
    }

    [Fact(Timeout = 30_000)]
    public async Task Disabled_settings_send_nothing_and_say_why_once()
    {
        // Arrange
        var log = new CapturingLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log.Provider));
        var clock = Clocks.AtNoon();
        var settings = BotTelegramSettings.FromEnvironment(_ => null);

        // Act
        await using var alerts = new WhaleAlerts(settings, WhaleTier.Large, Window, clock, loggers);
        for (var i = 1; i <= 3; i++)
        {
            alerts.Add("BTCUSDT", Trade(i, clock, 97_000m, 20m, Aggressor.Buy));
            clock.Advance(Window);
        }

        await alerts.FlushAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.False(alerts.Enabled);
        Assert.False(clock.WhenTimerPendingAsync().IsCompleted, "no burst was opened");
        Assert.Equal(default, alerts.Counters);
        var line = Assert.Single(log.Lines);
        Assert.Equal(
            "Warning: whale alerts to Telegram are off: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_IDS are not set; set "
                + "both to receive the bot's messages",
            line
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task The_token_reaches_the_log_only_masked()
    {
        // Arrange
        await using var telegram = await FakeTelegramServer.StartAsync();
        var log = new CapturingLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log.Provider));

        // Act
        await using (
            var alerts = new WhaleAlerts(Settings(telegram), WhaleTier.Whale, Window, Clocks.AtNoon(), loggers)
        )
        {
            Assert.True(alerts.Enabled);
        }

        // Assert
        Assert.Contains(log.Lines, l =>
            l.Contains(
                "(whale and up, grouped over 00:00:10) go through bot 123456:*** to 1 chat(s)",
                StringComparison.Ordinal
            )
        );
        Assert.DoesNotContain(log.Lines, l => l.Contains("SECRET", StringComparison.Ordinal));
    }

    private static BotTelegramSettings Settings(FakeTelegramServer telegram) =>
        BotTelegramSettings.Enabled(TelegramToken.Parse(Token), [ChatId.FromId(42)], telegram.BaseUrl);

    private static WhaleAlerts Alerts(
        FakeTelegramServer telegram,
        TestClock clock,
        int maxPerMinute = WhaleAlerts.DefaultMaxMessagesPerMinute
    ) =>
        new(
            Settings(telegram),
            WhaleTier.Large,
            Window,
            clock,
            NullLoggerFactory.Instance,
            TelegramOutboxOptions.Default with
            {
                ChatInterval = TimeSpan.Zero,
            }
        )
        {
            MaxMessagesPerMinute = maxPerMinute,
        };

    private static WhaleTrade Trade(long id, TestClock clock, decimal price, decimal quantity, Aggressor side)
    {
        var notional = price * quantity;
        return new WhaleTrade(
            id,
            clock.GetUtcNow().ToUnixTimeMilliseconds(),
            price,
            quantity,
            notional,
            side,
            WhaleTiers.Default.Classify(notional)
        );
    }
}
