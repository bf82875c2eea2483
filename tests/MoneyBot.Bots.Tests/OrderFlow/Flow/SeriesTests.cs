using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>A series takes its buckets, its CVD and its bars at one moment, as a snapshot does.</summary>
public sealed class SeriesTests
{
    [Fact]
    public void Every_bucket_holds_the_trades_after_its_start_up_to_its_end_oldest_first()
    {
        // Arrange: trades at bucket ends (0 s, 100 s, 250 s) and inside one (275 s).
        Trade[] trades =
        [
            Buy(1, Sec(0), 100m, 1.5m),
            Sell(2, Sec(100), 101m, 0.7m),
            Buy(3, Sec(250), 102m, 0.25m),
            Sell(4, Sec(275), 100m, 2m),
        ];
        var flow = Fed(trades);

        // Act
        var series = flow.Series(Sec(300), TimeSpan.FromSeconds(50), 120);

        // Assert
        Assert.Equal(18, series.Delta.Count);
        Assert.Equal(
            Enumerable.Range(0, 18).Select(k => Sec(300 - (50 * (17 - k)))),
            series.Delta.Select(b => b.EndMs)
        );
        Assert.All(series.Delta, b =>
            Assert.Equal(
                trades
                    .Where(t => t.TimeMs > b.StartMs && t.TimeMs <= b.EndMs)
                    .Sum(t => t.Aggressor == Aggressor.Buy ? t.Quantity : -t.Quantity),
                b.Totals.Delta
            )
        );
        Assert.Equal([1.5m, 0m, -0.7m, 0m, 0m, 0.25m, -2m], series.Delta.Skip(11).Select(b => b.Totals.Delta));
        Assert.Equal(flow.Snapshot(Sec(300)).Cvd, series.CvdBars[^1].Close);
    }

    [Fact]
    public void More_than_900_buckets_or_bars_out_of_range_are_refused()
    {
        // Arrange
        var flow = Fed(Buy(1, Sec(0), 100m, 1m));

        // Act and assert
        Assert.Throws<ArgumentOutOfRangeException>(() => flow.Series(Sec(0), TimeSpan.FromMilliseconds(999), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => flow.Series(Sec(0), TimeSpan.FromMinutes(16), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => flow.Series(Sec(0), TimeSpan.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => flow.Series(Sec(0), TimeSpan.FromSeconds(1), 1441));
        Assert.Equal(900, flow.Series(Sec(0), TimeSpan.FromSeconds(1), 1440).Delta.Count);
    }
}
