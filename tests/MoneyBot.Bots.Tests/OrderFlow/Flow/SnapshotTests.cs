using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// A snapshot takes every figure at one moment (spec 6: every windowed figure of a line is taken at its t).
/// </summary>
public sealed class SnapshotTests
{
    //   t=0    BUY  1.5   CVD  1.5   (minute 0)
    //   t=100  SELL 0.7   CVD  0.8   (minute 1; minutes 2 and 3 quiet)
    //   t=250  BUY  0.25  CVD  1.05  (minute 4)
    //   t=275  SELL 2     CVD -0.95
    //   t=290  BUY  0.4   CVD -0.55
    //   t=300  BUY  1     CVD  0.45  (minute 5)
    private static SymbolFlow FiveMinutesOfTrades() =>
        Fed(
            Buy(1, Sec(0), 100m, 1.5m),
            Sell(2, Sec(100), 101m, 0.7m),
            Buy(3, Sec(250), 102m, 0.25m),
            Sell(4, Sec(275), 100m, 2m),
            Buy(5, Sec(290), 103m, 0.4m),
            Buy(6, Sec(300), 104m, 1m)
        );

    [Fact]
    public void A_snapshot_at_the_newest_trade_reports_every_figure_at_that_moment()
    {
        // Arrange
        var flow = FiveMinutesOfTrades();

        // Act
        var snapshot = flow.Snapshot(Sec(300));

        // Assert: windows shortest first; pressure 1.4 / 2 = 0.7 (SELL); slope over closes
        // 1.5, 0.8, 0.8, 0.8, -0.55, 0.45: (-7.5 - 2.4 - 0.8 + 0.8 - 1.65 + 2.25) / 35 = -9.3 / 35.
        Assert.Equal(Sec(300), snapshot.TimeMs);
        Assert.Equal("BTCUSDT", snapshot.Symbol);
        Assert.Equal(new[] { -0.6m, -0.35m, -1.05m }, snapshot.Windows.Select(w => w.Totals.Delta));
        Assert.Equal(FlowSettings.StandardWindows, snapshot.Windows.Select(w => w.Window));
        Assert.Equal(0.45m, snapshot.Cvd);
        Assert.Equal(0.7m, snapshot.Pressure.Ratio);
        Assert.Equal(Dominance.Sell, snapshot.Pressure.Dominant);
        Assert.NotNull(snapshot.CvdSlope);
        Assert.Equal(-9.3m / 35m, snapshot.CvdSlope.Value, 20);
        Assert.Equal(CvdTrend.Falling, snapshot.CvdTrend);
        Assert.Empty(snapshot.Zones);
        Assert.Empty(snapshot.RecentWhales);
    }

    [Fact]
    public void A_snapshot_later_than_the_newest_trade_ages_the_windows_at_its_own_moment()
    {
        // Arrange
        var flow = FiveMinutesOfTrades();

        // Act: 30 s after the last trade.
        var snapshot = flow.Snapshot(Sec(330));

        // Assert: (300, 330] is empty; (270, 330] keeps 275, 290, 300; (30, 330] all but the trade at 0.
        Assert.Equal(Sec(330), snapshot.TimeMs);
        Assert.Equal(Sec(300), snapshot.NewestTradeMs);
        long[] trades = [0, 3, 5];
        Assert.Equal(trades, snapshot.Windows.Select(w => w.Totals.Trades));
        Assert.Equal(PressureKind.Undefined, snapshot.Pressure.Kind);
        Assert.Equal(0.45m, snapshot.Cvd);
    }

    [Fact]
    public void The_windows_asked_for_come_shortest_first()
    {
        // Arrange
        var flow = FiveMinutesOfTrades();

        // Act
        var snapshot = flow.Snapshot(Sec(300), [TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(10)]);

        // Assert: (290, 300] holds the buy of 1; (-600, 300] all six: 3.15 - 2.7 = 0.45.
        Assert.Equal(
            new[] { TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(15) },
            snapshot.Windows.Select(w => w.Window)
        );
        Assert.Equal(1m, snapshot.Window(TimeSpan.FromSeconds(10)).Totals.Delta);
        Assert.Equal(0.45m, snapshot.Window(TimeSpan.FromMinutes(15)).Totals.Delta);
    }
}
