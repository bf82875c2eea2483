using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>CVD since the session anchor and its one-minute bars (spec 3).</summary>
public sealed class CvdSessionTests
{
    private const long Minute = 60_000;
    private const long Hour = 3_600_000;

    [Fact]
    public void Cvd_starts_again_from_zero_at_midnight_utc()
    {
        // Arrange: 23:58:00 BUY 2, 23:59:30 SELL 0.5 (CVD 1.5), then 00:00:10 BUY 0.75.
        var flow = Fed(Buy(1, Day - (2 * Minute), 100m, 2m), Sell(2, Day - 30_000, 100m, 0.5m));

        // Act
        var beforeMidnight = flow.Cvd(Day - 1);
        var atMidnightWithoutTrades = flow.Cvd(Day);
        var sinceBefore = flow.Snapshot(Day - 1).CvdSinceMs;
        Feed(flow, Buy(3, Day + 10_000, 100m, 0.75m));
        var afterMidnight = flow.Cvd(Day + 10_000);
        var snapshot = flow.Snapshot(Day + 10_000);

        // Assert: 2 - 0.5 = 1.5 counted since the first trade; at 00:00 a new session: 0, then 0.75.
        Assert.Equal(1.5m, beforeMidnight);
        Assert.Equal(Day - (2 * Minute), sinceBefore);
        Assert.Equal(0m, atMidnightWithoutTrades);
        Assert.Equal(0.75m, afterMidnight);
        Assert.Equal(0.75m, snapshot.Cvd);
        Assert.Equal(Day, snapshot.CvdSinceMs);
    }

    [Fact]
    public void The_one_minute_bars_carry_the_cvd_of_each_minute_across_the_anchor()
    {
        // Arrange: as above.
        var flow = Fed(
            Buy(1, Day - (2 * Minute), 100m, 2m),
            Sell(2, Day - 30_000, 100m, 0.5m),
            Buy(3, Day + 10_000, 100m, 0.75m)
        );

        // Act
        var bars = flow.CvdBars();

        // Assert: 23:58 closes at 2; 23:59 opens at 2, dips to 1.5; 00:00 opens at 0 (new session) and closes at 0.75.
        Assert.Equal(3, bars.Count);
        Assert.Equal(Day - (2 * Minute), bars[0].MinuteMs);
        Assert.Equal(2m, bars[0].Close);
        Assert.Equal(new CvdBar(Day - Minute, 2m, 2m, 1.5m, 1.5m), bars[1]);
        Assert.Equal(new CvdBar(Day, 0m, 0.75m, 0m, 0.75m), bars[2]);
    }

    [Fact]
    public void Quiet_minutes_get_flat_bars()
    {
        // Arrange: BUY 1 at 01:00:10, SELL 3 at 01:03:20 (minutes 01:01 and 01:02 without trades).
        var flow = Fed(Buy(1, Min(0, 10), 100m, 1m), Sell(2, Min(3, 20), 100m, 3m));

        // Act
        var bars = flow.CvdBars();

        // Assert
        CvdBar[] expected =
        [
            new(Min(0), 0m, 1m, 0m, 1m),
            new(Min(1), 1m, 1m, 1m, 1m),
            new(Min(2), 1m, 1m, 1m, 1m),
            new(Min(3), 1m, 1m, -2m, -2m),
        ];
        Assert.Equal(expected, bars);
    }

    [Fact]
    public void A_configured_anchor_resets_the_cvd_at_its_time_of_day_and_not_at_midnight()
    {
        // Arrange: anchor 08:00 UTC. 23:59 BUY 1, 00:01 BUY 2, 07:59 BUY 3, 08:00:00.000 SELL 1.
        var flow = NewFlow(new FlowSettings { SessionAnchor = TimeSpan.FromHours(8) });
        Feed(flow, Buy(1, Day - Minute, 100m, 1m), Buy(2, Day + Minute, 100m, 2m));

        // Act
        var afterMidnight = flow.Cvd(Day + Minute);
        Feed(flow, Buy(3, Day + (8 * Hour) - Minute, 100m, 3m));
        var justBeforeAnchor = flow.Cvd(Day + (8 * Hour) - 1);
        var atAnchorWithoutTrades = flow.Cvd(Day + (8 * Hour));
        Feed(flow, Sell(4, Day + (8 * Hour), 100m, 1m));
        var atAnchor = flow.Cvd(Day + (8 * Hour));
        var since = flow.Snapshot(Day + (8 * Hour)).CvdSinceMs;

        // Assert: 1 + 2 = 3 across midnight; + 3 = 6 just before 08:00; the 08:00:00.000 trade opens a new session: -1.
        Assert.Equal(3m, afterMidnight);
        Assert.Equal(6m, justBeforeAnchor);
        Assert.Equal(0m, atAnchorWithoutTrades);
        Assert.Equal(-1m, atAnchor);
        Assert.Equal(Day + (8 * Hour), since);
    }

    [Fact]
    public void An_anchor_that_is_not_a_whole_minute_is_refused()
    {
        // Arrange
        var settings = new FlowSettings { SessionAnchor = TimeSpan.FromSeconds(30) };

        // Act
        var error = Record.Exception(() => NewFlow(settings));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }
}
