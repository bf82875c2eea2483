using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// The least-squares slope of the closes of the last 5 completed one-minute CVD bars and the current
/// one (spec 3). With x = 0..5 (mean 2.5, sum of squared deviations 17.5) the slope is
/// (-5 y0 - 3 y1 - y2 + y3 + 3 y4 + 5 y5) / 35.
/// </summary>
public sealed class CvdSlopeTests
{
    /// <summary>
    /// One trade of <paramref name="quantity"/> at second 10 of each of minutes 0..<paramref name="lastMinute"/>.
    /// </summary>
    private static SymbolFlow EveryMinute(int lastMinute, decimal quantity, FlowSettings? settings = null)
    {
        var flow = NewFlow(settings);
        for (var m = 0; m <= lastMinute; m++)
        {
            flow.Apply(
                quantity > 0 ? Buy(m + 1, Min(m, 10), 100m, quantity) : Sell(m + 1, Min(m, 10), 100m, -quantity)
            );
        }

        return flow;
    }

    [Fact]
    public void A_cvd_rising_by_2_a_minute_has_slope_2_and_is_rising()
    {
        // Arrange: closes 2, 4, 6, 8, 10, 12.
        var flow = EveryMinute(5, 2m);

        // Act
        var slope = flow.CvdSlope(Min(5, 10));

        // Assert: (-10 - 12 - 6 + 8 + 30 + 60) / 35 = 70 / 35 = 2.
        Assert.Equal(2m, slope);
        Assert.Equal(CvdTrend.Rising, flow.Trend(slope));
    }

    [Fact]
    public void A_cvd_falling_by_2_a_minute_has_slope_minus_2_and_is_falling()
    {
        // Arrange: closes -2, -4, ..., -12.
        var flow = EveryMinute(5, -2m);

        // Act
        var slope = flow.CvdSlope(Min(5, 10));

        // Assert
        Assert.Equal(-2m, slope);
        Assert.Equal(CvdTrend.Falling, flow.Trend(slope));
    }

    [Fact]
    public void Fewer_than_6_minutes_give_no_slope()
    {
        // Arrange: minutes 0..4 only.
        var flow = EveryMinute(4, 2m);

        // Act
        var slope = flow.CvdSlope(Min(4, 59));

        // Assert
        Assert.Null(slope);
        Assert.Equal(CvdTrend.Unknown, flow.Trend(slope));
        Assert.Null(flow.Snapshot(Min(4, 59)).CvdSlope);
    }

    [Fact]
    public void A_quiet_current_minute_counts_flat()
    {
        // Arrange: minutes 0..4 with BUY 2 each (closes 2..10); the clock reaches minute 5 with no trade.
        var flow = EveryMinute(4, 2m);

        // Act
        var slope = flow.CvdSlope(Min(5, 30));

        // Assert: closes 2, 4, 6, 8, 10, 10: (-10 - 12 - 6 + 8 + 30 + 50) / 35 = 60 / 35 = 12 / 7.
        Assert.NotNull(slope);
        Assert.Equal(12m / 7m, slope.Value, 20);
    }

    [Fact]
    public void Quiet_minutes_in_between_count_flat()
    {
        // Arrange: minute 0 BUY 1, minute 2 BUY 3, minute 5 SELL 1; minutes 1, 3 and 4 quiet.
        var flow = Fed(Buy(1, Min(0, 10), 100m, 1m), Buy(2, Min(2, 10), 100m, 3m), Sell(3, Min(5, 10), 100m, 1m));

        // Act
        var slope = flow.CvdSlope(Min(5, 10));

        // Assert: closes 1, 1, 4, 4, 4, 3: (-5 - 3 - 4 + 4 + 12 + 15) / 35 = 19 / 35.
        Assert.NotNull(slope);
        Assert.Equal(19m / 35m, slope.Value, 20);
        Assert.Equal(CvdTrend.Rising, flow.Trend(slope));
    }

    [Fact]
    public void Only_the_last_six_minutes_count()
    {
        // Arrange: BUY 1 in minutes 0..3 (close 4), nothing in 4..8, BUY 1 and SELL 1 in minute 9 (close 4).
        var flow = Fed(
            Buy(1, Min(0, 10), 100m, 1m),
            Buy(2, Min(1, 10), 100m, 1m),
            Buy(3, Min(2, 10), 100m, 1m),
            Buy(4, Min(3, 10), 100m, 1m),
            Buy(5, Min(9, 10), 100m, 1m),
            Sell(6, Min(9, 20), 100m, 1m)
        );

        // Act
        var slope = flow.CvdSlope(Min(9, 20));

        // Assert: minutes 4..9 all close at 4: slope 0, flat.
        Assert.Equal(0m, slope);
        Assert.Equal(CvdTrend.Flat, flow.Trend(slope));
    }

    [Theory]
    [InlineData("2", CvdTrend.Flat)]
    [InlineData("1.99", CvdTrend.Rising)]
    public void The_trend_compares_the_slope_with_the_configured_epsilon(string epsilon, CvdTrend expected)
    {
        // Arrange: slope 2 (closes 2..12).
        var flow = EveryMinute(
            5,
            2m,
            new FlowSettings
            {
                SlopeEpsilon = decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture),
            }
        );

        // Act
        var trend = flow.Trend(flow.CvdSlope(Min(5, 10)));

        // Assert: rising only when slope > epsilon.
        Assert.Equal(expected, trend);
    }
}
