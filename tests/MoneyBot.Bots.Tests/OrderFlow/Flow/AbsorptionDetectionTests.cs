using System.Globalization;
using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// When a price bucket is an absorption zone and when it is not (spec 3); see <see cref="Absorption"/> for the tape.
/// </summary>
public sealed class AbsorptionDetectionTests
{
    [Fact]
    public void Heavy_aggressive_buys_that_price_does_not_escape_make_an_absorbed_buy_zone()
    {
        // Arrange: surroundings (1 + 1 + 1 in buckets 4998, 4999, 5001), then BUY 10 @ 50,005.
        var flow = NewFlow();
        Feed(flow, Absorption.Surroundings());

        // Act
        flow.Apply(Buy(4, Sec(3), 50_005m, 10m));
        var zones = flow.Zones(Sec(3));

        // Assert: volume 10 >= 3 x 13 / 4 = 9.75; notional 10 x 50,005 = 500,050 >= 500,000; highest price
        // 50,015 <= 50,010 + 20. Strength 10 / 3.25 = 3.0769.
        var zone = Assert.Single(zones);
        Assert.Equal(50_000m, zone.PriceLow);
        Assert.Equal(50_010m, zone.PriceHigh);
        Assert.Equal(Aggressor.Buy, zone.AbsorbedSide);
        Assert.Equal(10m, zone.Volume);
        Assert.Equal(500_050m, zone.Notional);
        Assert.Equal(Sec(3), zone.FirstSeenMs);
        Assert.Equal(Sec(3), zone.LastSeenMs);
        Assert.Equal(40m / 13m, zone.Strength, 4);
        Assert.Equal(1, flow.Counters.ZonesFound);
    }

    [Fact]
    public void Heavy_aggressive_sells_that_price_does_not_escape_make_an_absorbed_sell_zone()
    {
        // Arrange
        var flow = NewFlow();
        Feed(flow, Absorption.Surroundings());

        // Act: SELL 10 @ 50,005; the lowest price 49,985 >= 50,000 - 20.
        flow.Apply(Sell(4, Sec(3), 50_005m, 10m));
        var zones = flow.Zones(Sec(3));

        // Assert
        var zone = Assert.Single(zones);
        Assert.Equal((50_000m, 50_010m, Aggressor.Sell), (zone.PriceLow, zone.PriceHigh, zone.AbsorbedSide));
        Assert.Equal(10m, zone.Volume);
        Assert.Equal(500_050m, zone.Notional);
    }

    [Fact]
    public void The_volume_and_notional_of_several_trades_at_the_bucket_add_up()
    {
        // Arrange
        var flow = NewFlow();
        Feed(flow, Absorption.Surroundings());

        // Act: BUY 4 @ 50,001 (4 x 4 = 16 < 3 x 7 = 21: not yet), then BUY 6 @ 50,009.
        flow.Apply(Buy(4, Sec(3), 50_001m, 4m));
        var afterFirst = flow.Zones(Sec(3));
        flow.Apply(Buy(5, Sec(4), 50_009m, 6m));
        var afterSecond = flow.Zones(Sec(4));

        // Assert: volume 10 of 13; notional 200,004 + 300,054 = 500,058.
        Assert.Empty(afterFirst);
        var zone = Assert.Single(afterSecond);
        Assert.Equal(10m, zone.Volume);
        Assert.Equal(500_058m, zone.Notional);
        Assert.Equal(Sec(4), zone.FirstSeenMs);
    }

    [Theory]
    [InlineData("1", true)] // total 12, mean 3: 9 is exactly K x mean
    [InlineData("1.01", false)] // total 12.01, mean 3.0025: K x mean = 9.0075 > 9
    public void The_volume_must_reach_K_times_the_mean_per_bucket_volume(string thirdQuantity, bool zone)
    {
        // Arrange: around 100,000 so that 9 already exceeds the minimum notional (9 x 100,005 = 900,045).
        var flow = Fed(
            Sell(1, Sec(0), 99_985m, 1m),
            Buy(2, Sec(1), 99_995m, 1m),
            Buy(3, Sec(2), 100_015m, D(thirdQuantity))
        );

        // Act
        flow.Apply(Buy(4, Sec(3), 100_005m, 9m));

        // Assert
        Assert.Equal(zone ? 1 : 0, flow.Zones(Sec(3)).Count);
    }

    [Fact]
    public void Aggression_of_the_other_side_at_the_bucket_does_not_count()
    {
        // Arrange: around 100,000; surroundings 1 + 1 + 1.
        var flow = Fed(Sell(1, Sec(0), 99_985m, 1m), Buy(2, Sec(1), 99_995m, 1m), Buy(3, Sec(2), 100_015m, 1m));

        // Act: BUY 6 and SELL 4 at the bucket: 10 together, but each side alone is below 3 x 13 / 4 = 9.75.
        Feed(flow, Buy(4, Sec(3), 100_005m, 6m), Sell(5, Sec(4), 100_005m, 4m));

        // Assert
        Assert.Empty(flow.Zones(Sec(4)));
        Assert.Equal(0, flow.Counters.ZonesFound);
    }

    [Theory]
    [InlineData("10", true)] // 10 x 50,000 = 500,000: exactly the minimum
    [InlineData("9.99998", false)] // 499,999: below it (volume 9.99998 still >= 3 x 12.99998 / 4 = 9.749985)
    public void The_notional_must_reach_the_minimum(string quantity, bool zone)
    {
        // Arrange
        var flow = NewFlow();
        Feed(flow, Absorption.Surroundings());

        // Act
        flow.Apply(Buy(4, Sec(3), 50_000m, D(quantity)));

        // Assert
        Assert.Equal(zone ? 1 : 0, flow.Zones(Sec(3)).Count);
    }

    [Theory]
    [InlineData("50030", true)] // 50,010 + 20: exactly the tolerance
    [InlineData("50030.01", false)] // beyond it, in the buyers' direction
    [InlineData("49000", true)] // far away, but against the buyers: does not matter
    public void Absorbed_buys_need_price_held_within_the_tolerance_above_the_bucket(string excursion, bool zone)
    {
        // Arrange: a trade at the excursion price first, then 1 @ 49,985 and 1 @ 49,995 (4 buckets, 13 in all).
        var flow = Fed(Buy(1, Sec(0), D(excursion), 1m), Sell(2, Sec(1), 49_985m, 1m), Buy(3, Sec(2), 49_995m, 1m));

        // Act
        flow.Apply(Buy(4, Sec(3), 50_005m, 10m));

        // Assert
        Assert.Equal(zone ? 1 : 0, flow.Zones(Sec(3)).Count);
    }

    [Theory]
    [InlineData("49980", true)] // 50,000 - 20: exactly the tolerance
    [InlineData("49979.99", false)] // beyond it, in the sellers' direction
    [InlineData("51000", true)] // against the sellers: does not matter
    public void Absorbed_sells_need_price_held_within_the_tolerance_below_the_bucket(string excursion, bool zone)
    {
        // Arrange
        var flow = Fed(Sell(1, Sec(0), D(excursion), 1m), Buy(2, Sec(1), 49_995m, 1m), Buy(3, Sec(2), 50_015m, 1m));

        // Act
        flow.Apply(Sell(4, Sec(3), 50_005m, 10m));

        // Assert
        Assert.Equal(zone ? 1 : 0, flow.Zones(Sec(3)).Count);
    }

    [Theory]
    [InlineData(60_000, true)] // the excursion is exactly 60 s old: out of the window
    [InlineData(59_999, false)] // still in it: 5 buckets, 14 in all, 10 x 5 >= 3 x 14, but price escaped
    public void Only_the_prices_of_the_60_second_window_count(long zoneTradeMs, bool zone)
    {
        // Arrange: BUY 1 @ 50,100 at t=0, then the surroundings at 57, 58, 59 s.
        var flow = Fed(
            Buy(1, Sec(0), 50_100m, 1m),
            Sell(2, Sec(57), 49_985m, 1m),
            Buy(3, Sec(58), 49_995m, 1m),
            Buy(4, Sec(59), 50_015m, 1m)
        );

        // Act
        flow.Apply(Buy(5, Sec(0) + zoneTradeMs, 50_005m, 10m));

        // Assert
        Assert.Equal(zone ? 1 : 0, flow.Zones(Sec(0) + zoneTradeMs).Count);
    }

    [Fact]
    public void A_single_bucket_never_qualifies()
    {
        // Arrange: everything at one bucket; 1,000,100 of buys.
        var flow = NewFlow();

        // Act: volume 20 of 20 over 1 bucket: 20 < 3 x 20, then 20 < 3 x 25.
        Feed(flow, Buy(1, Sec(0), 50_005m, 20m), Sell(2, Sec(1), 50_002m, 5m));

        // Assert
        Assert.Empty(flow.Zones(Sec(1)));
        Assert.Equal(0, flow.Counters.ZonesFound);
    }

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
