using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Telegram;
using MoneyBot.ExtGap.Cli;
using MoneyBot.ExtGap.Live;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// The bot's Telegram messages through its own client and chats, and what happens without credentials.
/// </summary>
public sealed class LiveTelegramTests
{
    private const string Token = "123456:SECRET-token_abcdef";

    [Fact(Timeout = 60_000)]
    public async Task The_startup_gap_and_stop_messages_reach_every_chat_and_the_token_never_reaches_the_log()
    {
        // Arrange
        await using var exchange = await Exchange.StartAsync(speed: 300);
        await using var telegram = await FakeTelegramServer.StartAsync();
        using var dir = new TempDirectory();
        var settings = BotTelegramSettings.FromEnvironment(
            new Dictionary<string, string?>
            {
                ["TELEGRAM_BOT_TOKEN"] = Token,
                ["TELEGRAM_CHAT_IDS"] = "42, -100777",
                ["TELEGRAM_API_URL"] = telegram.BaseUrl.ToString(),
            }.GetValueOrDefault
        );
        var options = LiveRig.OptionsFor(exchange, dir) with
        {
            Telegram = settings,
            Outbox = TelegramOutboxOptions.Default with { ChatInterval = TimeSpan.Zero },
        };
        await using var rig = LiveRig.Start(options);

        // Act
        await telegram.Messages.WaitForAsync(m => m.ChatId == "42" && m.Text.Contains("gap", StringComparison.Ordinal));
        var exit = await rig.StopAsync("SIGTERM");

        // Assert
        Assert.Equal(ExitCodes.Success, exit);
        var sent = await telegram.Messages.WaitUntilAsync(all =>
            all.Count(m => m.Text.Contains("stopped", StringComparison.Ordinal)) == 2
        );
        foreach (var chat in new[] { "42", "-100777" })
        {
            var texts = sent.Where(m => m.ChatId == chat).Select(m => m.Text).ToList();
            Assert.StartsWith("🚀 <b>External-Gap bot started</b> · BTCUSDT 1m", texts[0], StringComparison.Ordinal);
            Assert.Contains(texts, t => t.Contains("First gap", StringComparison.Ordinal));
            Assert.Contains("SIGTERM", texts[^1], StringComparison.Ordinal);
        }

        Assert.All(sent, m => Assert.Equal(("123456:SECRET-token_abcdef", "HTML"), (m.Token, m.ParseMode)));
        Assert.Contains(rig.Log.Lines, l =>
            l.Contains("through bot 123456:*** to 2 chat(s)", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_statistics_go_out_every_interval()
    {
        // Arrange
        await using var telegram = await FakeTelegramServer.StartAsync();
        var settings = BotTelegramSettings.Enabled(TelegramToken.Parse(Token), [ChatId.FromId(42)], telegram.BaseUrl);
        await using var signals = new TelegramSignals(
            settings,
            new Messages("BTCUSDT", LiveRig.OneMinute),
            TelegramOutboxOptions.Default with
            {
                ChatInterval = TimeSpan.Zero,
            },
            TimeProvider.System,
            NullLoggerFactory.Instance
        );
        var report = new StatisticsReport(
            DateTimeOffset.UnixEpoch,
            new TradeStatistics(2, 1, 0, 12.5m, 1.8m),
            null,
            null,
            null,
            0
        );

        // Act
        signals.StartStatistics(TimeSpan.FromMilliseconds(200), () => report);
        var sent = await telegram.Messages.WaitUntilAsync(all => all.Count >= 2);

        // Assert
        Assert.All(sent, m => Assert.StartsWith("📊 <b>Statistics</b> · BTCUSDT 1m", m.Text, StringComparison.Ordinal));
        Assert.Contains("Closed trades: 3 (2 ✅ / 1 ❌, win rate 67%)", sent[0].Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Missing_credentials_are_said_once_in_one_clear_line_and_the_bot_runs_on()
    {
        // Arrange
        await using var exchange = await Exchange.StartAsync(speed: 300);
        using var dir = new TempDirectory();
        var options = LiveRig.OptionsFor(exchange, dir) with
        {
            Telegram = BotTelegramSettings.FromEnvironment(_ => null),
        };

        // Act
        await using var rig = LiveRig.Start(options);
        await rig.Candles.WaitUntilAsync(c => c.Count >= 2);

        // Assert
        var line = Assert.Single(rig.Log.Lines, l => l.Contains("Telegram", StringComparison.Ordinal));
        Assert.Equal(
            "Warning: Telegram messages are off: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_IDS are not set; set both "
                + "to receive the bot's messages",
            line
        );
        Assert.Equal(ExitCodes.Success, await rig.StopAsync());
    }

    [Theory]
    [InlineData("123456:ABC", null, "TELEGRAM_CHAT_IDS is not set")]
    [InlineData(null, "42", "TELEGRAM_BOT_TOKEN is not set")]
    [InlineData("not-a-token SECRET", "42", "TELEGRAM_BOT_TOKEN is malformed")]
    [InlineData("123456:ABC", "42,chat", "TELEGRAM_CHAT_IDS has 'chat', which is not a chat id")]
    public void Bad_or_missing_settings_turn_messages_off_with_a_reason_that_never_repeats_the_token(
        string? token,
        string? chats,
        string reason
    )
    {
        // Act
        var settings = BotTelegramSettings.FromEnvironment(
            new Dictionary<string, string?>
            {
                ["TELEGRAM_BOT_TOKEN"] = token,
                ["TELEGRAM_CHAT_IDS"] = chats,
            }.GetValueOrDefault
        );

        // Assert
        Assert.False(settings.IsEnabled);
        Assert.StartsWith(reason, settings.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", settings.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_settings_give_the_token_the_distinct_chats_and_the_api_url()
    {
        // Act
        var settings = BotTelegramSettings.FromEnvironment(
            new Dictionary<string, string?>
            {
                ["TELEGRAM_BOT_TOKEN"] = " 123456:ABC-def ",
                ["TELEGRAM_CHAT_IDS"] = "42, @channel,42",
                ["TELEGRAM_API_URL"] = "http://127.0.0.1:9999",
            }.GetValueOrDefault
        );

        // Assert
        Assert.True(settings.IsEnabled);
        Assert.Equal("123456:***", settings.Token.Masked);
        Assert.Equal(["42", "@channel"], settings.Chats.Select(c => c.ToString()));
        Assert.Equal(new Uri("http://127.0.0.1:9999"), settings.ApiUrl);
        Assert.DoesNotContain("ABC-def", settings.ToString(), StringComparison.Ordinal);
    }
}
