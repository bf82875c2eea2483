using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Trading;
using static MoneyBot.Bots.Tests.ExtGap.Bars;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>Telegram texts: both languages, escaping, and the base asset as the quantity unit.</summary>
public sealed class MessagesTests
{
    private static readonly Gap Bearish = new(
        GapPolarity.Bearish,
        102.8m,
        T(2),
        T(4).AddMinutes(3).AddMilliseconds(-1),
        false,
        true,
        1,
        5
    );
    private static readonly Position Long = new(
        PositionSide.Long,
        2000,
        T(1).AddMinutes(3).AddMilliseconds(-1),
        1000,
        0.5m,
        0.3m
    );

    private static ClosedTrade Closed(CloseReason reason) =>
        new(
            TradeStatus.Win,
            Long.EntryTime,
            Bearish.DetectionBarTime,
            "ETHUSDT",
            PositionSide.Long,
            2000,
            2020,
            1000,
            0.5m,
            0.01m,
            10,
            9.4m,
            0.6m,
            reason,
            new TradeStatistics(3, 1, 0, 12.3m, 2.4m)
        );

    [Theory]
    [InlineData("BTCUSDT", "BTC")]
    [InlineData("ETHUSDT", "ETH")]
    [InlineData("ethusdc", "ETH")]
    [InlineData("BNBBUSD", "BNB")]
    [InlineData("BTCUSD", "BTC")]
    [InlineData("SOLFDUSD", "SOL")]
    [InlineData("BTCEUR", "BTCEUR")]
    public void The_base_asset_is_the_symbol_without_its_quote(string symbol, string expected)
    {
        // Act
        var asset = Symbols.BaseAsset(symbol);

        // Assert
        Assert.Equal(expected, asset);
    }

    [Fact]
    public void An_english_reversal_shows_the_closed_position_in_the_base_asset_with_its_pnl()
    {
        // Arrange
        var messages = new Messages("ETHUSDT", ThreeMinutes);

        // Act
        var text = messages.Reversal(Bearish, Closed(CloseReason.Reverse));

        // Assert
        Assert.Equal(
            "🔄 <b>Reversal: bearish gap</b> · ETHUSDT 3m\n"
                + "Level: <b>102.8</b>\n"
                + "Opening bar: 2025-01-01 00:06 UTC\n"
                + "Closed LONG 0.5 ETH: 2000 → 2020 (+1.00%)\n"
                + "Gross +10.00 USD · fees 0.60 USD\n"
                + "Net P&amp;L: <b>+9.40 USD</b> ✅\n"
                + "Total: 3 ✅ / 1 ❌ · +12.30 USD",
            text
        );
    }

    [Fact]
    public void A_french_reversal_reads_naturally_with_decimal_commas()
    {
        // Arrange
        var messages = new Messages("ETHUSDT", ThreeMinutes, MessageLanguage.French);

        // Act
        var text = messages.Reversal(Bearish, Closed(CloseReason.Reverse));

        // Assert
        Assert.StartsWith(
            "🔄 <b>Retournement : gap baissier</b> · ETHUSDT 3m\nNiveau : <b>102,8</b>",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains("LONG clôturé, 0,5 ETH : 2000 → 2020 (+1,00 %)", text, StringComparison.Ordinal);
        Assert.Contains("P&amp;L net : <b>+9,40 USD</b> ✅", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expiry_has_its_own_message_with_the_hold_time()
    {
        // Arrange
        var en = new Messages("ETHUSDT", ThreeMinutes);
        var fr = new Messages("ETHUSDT", ThreeMinutes, MessageLanguage.French);
        var trade = Closed(CloseReason.Expiry) with { CloseTime = Long.EntryTime.AddHours(24) };

        // Act
        var english = en.Expiry(trade);
        var french = fr.Expiry(trade);

        // Assert
        Assert.StartsWith("⏰ <b>LONG closed after 24h</b>", english, StringComparison.Ordinal);
        Assert.Contains("Flat until the next reversal.", english, StringComparison.Ordinal);
        Assert.StartsWith("⏰ <b>LONG clôturé après 24h</b>", french, StringComparison.Ordinal);
    }

    [Fact]
    public void Dynamic_values_are_html_escaped()
    {
        // Arrange
        var messages = new Messages("BTCUSDT", ThreeMinutes);

        // Act
        var text = messages.Stop("SIGTERM <from> ops & co", default);

        // Assert
        Assert.Contains("Reason: SIGTERM &lt;from&gt; ops &amp; co", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<from>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MessageLanguage.English)]
    [InlineData(MessageLanguage.French)]
    public void Every_message_renders_and_names_the_base_asset_for_quantities(MessageLanguage language)
    {
        // Arrange
        var messages = new Messages("SOLUSDT", ThreeMinutes, language);
        var report = new StatisticsReport(T(0), new TradeStatistics(3, 1, 0, 12.3m, 2.4m), Long, 2010, Bearish, 2);

        // Act
        string[] texts =
        [
            messages.Startup(TradingSettings.Default, Long),
            messages.Startup(TradingSettings.Default, null),
            messages.FirstGap(Bearish with { IsFirstGap = true }),
            messages.Gap(Bearish with { Sequence = 3 }),
            messages.Reversal(Bearish, null),
            messages.Entry(Long),
            messages.Expiry(Closed(CloseReason.Expiry)),
            messages.Statistics(report),
            messages.Stop("SIGTERM", report.Totals),
        ];

        // Assert
        Assert.All(texts, t => Assert.DoesNotContain("{", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("BTC", t, StringComparison.Ordinal));
        Assert.Contains(
            "0.5 SOL".Replace(".", language == MessageLanguage.French ? "," : ".", StringComparison.Ordinal),
            messages.Entry(Long),
            StringComparison.Ordinal
        );
        Assert.Contains(
            language == MessageLanguage.French ? "latent +5,00 USD" : "unrealized +5.00 USD",
            texts[7],
            StringComparison.Ordinal
        );
        Assert.Contains(language == MessageLanguage.French ? "75 %" : "75%", texts[7], StringComparison.Ordinal);
    }

    [Fact]
    public void The_language_option_accepts_en_and_fr()
    {
        // Act
        var fr = Messages.TryParseLanguage("FR", out var french);
        var de = Messages.TryParseLanguage("de", out _);

        // Assert
        Assert.True(fr);
        Assert.Equal(MessageLanguage.French, french);
        Assert.False(de);
    }
}
