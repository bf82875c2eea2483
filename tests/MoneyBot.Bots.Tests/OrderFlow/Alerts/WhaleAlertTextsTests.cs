using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Alerts;

/// <summary>The texts of the whale alerts: compact figures, escaping, and the listing cap of a long burst.</summary>
public sealed class WhaleAlertTextsTests
{
    private const long Noon = 1_763_726_400_000; // 2025-11-21 12:00:00 UTC

    [Theory]
    [InlineData("512345", "512K")]
    [InlineData("51234", "51.2K")]
    [InlineData("1200071.17", "1.2M")]
    [InlineData("12345678", "12.3M")]
    [InlineData("1050000000", "1.05B")]
    [InlineData("999", "999")]
    public void Notionals_are_written_in_few_characters(string value, string expected) =>
        Assert.Equal(
            expected,
            WhaleAlertTexts.Compact(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))
        );

    [Fact]
    public void One_trade_reads_as_symbol_tier_side_notional_price_and_quantity()
    {
        // Arrange
        var trade = new WhaleTrade(
            123,
            Noon + 3_250,
            97_250.5m,
            12.34m,
            97_250.5m * 12.34m,
            Aggressor.Buy,
            WhaleTier.Whale
        );

        // Act
        var text = WhaleAlertTexts.Single("BTCUSDT", trade);

        // Assert
        Assert.Equal("🐋 BTCUSDT WHALE BUY 1.2M @ 97,250.5 (12.34 BTC)\n12:00:03 UTC · agg trade 123", text);
    }

    [Fact]
    public void A_long_burst_lists_its_ten_largest_trades_oldest_first_and_counts_the_rest()
    {
        // Arrange
        var burst = new WhaleBurst("A<B>USDT", maxListed: 10);
        for (var i = 1; i <= 12; i++)
        {
            var quantity = i == 2 || i == 7 ? 5m : 10m + i; // trades 2 and 7 are the smallest
            burst.Add(
                new WhaleTrade(
                    i,
                    Noon + (i * 1_000),
                    100_000m,
                    quantity,
                    100_000m * quantity,
                    Aggressor.Sell,
                    WhaleTiers.Default.Classify(100_000m * quantity)
                )
            );
        }

        // Act
        var text = WhaleAlertTexts.Burst(burst, WhaleTier.Large);

        // Assert
        var listed = text.Split('\n').Where(l => l.StartsWith('•')).ToList();
        Assert.Equal(10, listed.Count);
        Assert.StartsWith("• 12:00:01 WHALE SELL 1.1M @ 100,000 (11 A&lt;B&gt;)", listed[0], StringComparison.Ordinal);
        Assert.StartsWith("• 12:00:12 WHALE SELL 2.2M", listed[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(listed, l => l.Contains("(5 ", StringComparison.Ordinal));
        Assert.EndsWith("\n… and 2 smaller", text, StringComparison.Ordinal);
        Assert.StartsWith("🐋 <b>A&lt;B&gt;USDT: 12 whale trades</b>", text, StringComparison.Ordinal);
    }
}
