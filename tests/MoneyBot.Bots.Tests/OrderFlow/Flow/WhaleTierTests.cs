using System.Globalization;
using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// Whale tiers by single-trade notional (inclusive 50k / 100k / 500k / 1M), counted once in the highest tier (spec 3,
/// 6).
/// </summary>
public sealed class WhaleTierTests
{
    [Theory]
    [InlineData("49999.99", "1", WhaleTier.None)]
    [InlineData("50000", "1", WhaleTier.Small)] // 50,000
    [InlineData("99999.99", "1", WhaleTier.Small)]
    [InlineData("50000", "2", WhaleTier.Medium)] // 100,000
    [InlineData("49999.99", "10", WhaleTier.Medium)] // 499,999.90
    [InlineData("50000", "10", WhaleTier.Large)] // 500,000
    [InlineData("99999.999", "10", WhaleTier.Large)] // 999,999.99
    [InlineData("50000", "20", WhaleTier.Whale)] // 1,000,000
    [InlineData("100000", "50", WhaleTier.Whale)] // 5,000,000: still one trade, in one tier
    public void A_trade_is_counted_once_in_the_highest_tier_its_notional_reaches(
        string price,
        string quantity,
        WhaleTier expected
    )
    {
        // Arrange
        var flow = NewFlow();

        // Act
        flow.Apply(Buy(1, Sec(0), D(price), D(quantity)));
        var totals = flow.Window(TimeSpan.FromSeconds(300), Sec(0));

        // Assert
        foreach (var tier in new[] { WhaleTier.Small, WhaleTier.Medium, WhaleTier.Large, WhaleTier.Whale })
        {
            Assert.Equal(tier == expected ? 1 : 0, totals.Whales(tier));
        }

        var recent = flow.RecentWhales(Sec(0));
        Assert.Equal(expected == WhaleTier.None ? 0 : 1, recent.Count);
    }

    [Fact]
    public void Trades_exactly_at_each_threshold_fill_one_tier_each()
    {
        // Arrange: notionals 49,999.99 / 50,000 / 100,000 / 500,000 / 1,000,000.
        var flow = Fed(
            Buy(1, Sec(1), 49_999.99m, 1m),
            Buy(2, Sec(2), 50_000m, 1m),
            Sell(3, Sec(3), 50_000m, 2m),
            Buy(4, Sec(4), 50_000m, 10m),
            Sell(5, Sec(5), 50_000m, 20m)
        );

        // Act
        var totals = flow.Window(TimeSpan.FromSeconds(300), Sec(5));

        // Assert
        Assert.Equal(5, totals.Trades);
        Assert.Equal((1L, 1L, 1L, 1L), (totals.Small, totals.Medium, totals.Large, totals.Whale));
    }

    [Fact]
    public void Whale_counts_over_300_seconds_leave_out_trades_exactly_300_seconds_old()
    {
        // Arrange: a whale at t=0, a large at t=1 s, a small at t=300 s.
        var flow = Fed(Sell(1, Sec(0), 50_000m, 20m), Buy(2, Sec(1), 50_000m, 10m), Buy(3, Sec(300), 50_000m, 1m));

        // Act
        var totals = flow.Window(TimeSpan.FromSeconds(300), Sec(300));

        // Assert: (0, 300]: the large and the small.
        Assert.Equal(0, totals.Whales(WhaleTier.Whale));
        Assert.Equal(1, totals.Whales(WhaleTier.Large));
        Assert.Equal(0, totals.Whales(WhaleTier.Medium));
        Assert.Equal(1, totals.Whales(WhaleTier.Small));
    }

    [Fact]
    public void Recent_whales_are_kept_15_minutes_newest_first_with_side_price_and_size()
    {
        // Arrange: as above.
        var flow = Fed(Sell(1, Sec(0), 50_000m, 20m), Buy(2, Sec(1), 50_000m, 10m), Buy(3, Sec(300), 50_000m, 1m));

        // Act
        var all = flow.RecentWhales(Sec(300));
        var largeAndAbove = flow.RecentWhales(Sec(300), WhaleTier.Large);
        var after15Minutes = flow.RecentWhales(Sec(900));

        // Assert: at t=900 s the whale at t=0 is exactly 15 min old and gone.
        long[] allIds = [3, 2, 1],
            largeIds = [2, 1],
            laterIds = [3, 2];
        Assert.Equal(allIds, all.Select(w => w.Id));
        Assert.Equal(new WhaleTrade(1, Sec(0), 50_000m, 20m, 1_000_000m, Aggressor.Sell, WhaleTier.Whale), all[2]);
        Assert.Equal(largeIds, largeAndAbove.Select(w => w.Id));
        Assert.Equal(laterIds, after15Minutes.Select(w => w.Id));
    }

    [Fact]
    public void Configured_thresholds_are_used()
    {
        // Arrange: tiers 10 / 20 / 30 / 40.
        var flow = NewFlow(new FlowSettings { Tiers = new WhaleTiers(10m, 20m, 30m, 40m) });

        // Act: notional 2 x 10 = 20.
        flow.Apply(Buy(1, Sec(0), 10m, 2m));

        // Assert
        Assert.Equal(1, flow.Window(TimeSpan.FromSeconds(30), Sec(0)).Medium);
    }

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
