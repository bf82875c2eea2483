using MoneyBot.ExtGap.Detection;
using static MoneyBot.Bots.Tests.ExtGap.Bars;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>The spec's four tie rules, each on a hand-checked case where the rule changes the result.</summary>
public sealed class GapDetectorTieRuleTests
{
    [Fact]
    public void First_gap_takes_the_earliest_bar_holding_the_level_as_its_opening_bar()
    {
        // Arrange: bars 0 and 1 share the highest low (100); bar 2 closes below it.
        var candles = Series((100, 110), (100, 110), (95, 99));

        // Act
        var gaps = Gaps(candles);

        // Assert
        var (index, gap) = Assert.Single(gaps);
        Assert.Equal(2, index);
        Assert.Equal(GapPolarity.Bearish, gap.Polarity);
        Assert.Equal(100m, gap.Level);
        Assert.Equal(T(0), gap.OpeningBarTime);
        Assert.Equal(3, gap.GroupSizeBeforeCleanup);
    }

    [Fact]
    public void First_gap_rebuild_keeps_the_current_bar_when_an_older_bar_ties_it()
    {
        // Arrange: bullish first gap at bar 3 (opening bar 0, high 101); bar 2's high (103) ties the current bar's.
        var detector = new GapDetector(ThreeMinutes);
        Detect(detector, Series((100, 101), (100.5m, 104), (100.8m, 103), (101.5m, 103)));

        // Act: bar 4 breaks the bull candidate upwards.
        var bull = detector.Bull;
        var next = detector.Process(Bar(4, 103.5m, 105));

        // Assert: current-then-earliest: the candidate is bar 3 (current), not bar 2, and the group was not trimmed.
        Assert.Equal(new Candidate(103, T(3)), bull);
        Assert.NotNull(next);
        Assert.Equal(GapPolarity.Bullish, next.Value.Polarity);
        Assert.Equal(103m, next.Value.Level);
        Assert.Equal(T(3), next.Value.OpeningBarTime);
        Assert.Equal(5, next.Value.GroupSizeBeforeCleanup);
        Assert.False(next.Value.IsReversal);
        Assert.Equal(2, next.Value.Sequence);
    }

    [Fact]
    public void First_gap_rebuild_takes_the_earliest_of_older_bars_that_tie()
    {
        // Arrange: bars 1 and 2 share the lowest high after the opening bar (102.5), below the current bar's.
        var detector = new GapDetector(ThreeMinutes);
        var gaps = Detect(detector, Series((100, 101), (100.5m, 102.5m), (100.8m, 102.5m), (101.5m, 103)));

        // Act
        var bull = detector.Bull;
        var next = detector.Process(Bar(4, 102.7m, 104));

        // Assert
        Assert.True(gaps[3]!.Value.IsFirstGap);
        Assert.Equal(new Candidate(102.5m, T(1)), bull);
        Assert.Equal(T(1), next!.Value.OpeningBarTime);
        Assert.Equal(102.5m, next.Value.Level);
    }

    [Fact]
    public void An_equal_value_does_not_move_a_candidate_to_the_later_bar()
    {
        // Arrange: after the first gap (bar 3) the bear candidate is 101.5 at bar 3; bar 4 has the same low.
        var detector = new GapDetector(ThreeMinutes);
        Detect(detector, Series((100, 101), (100.5m, 104), (100.8m, 103), (101.5m, 103), (101.5m, 104)));

        // Act: bar 5 closes below the bear candidate.
        var gap = detector.Process(Bar(5, 100, 101));

        // Assert: the earlier bar stays the opening bar.
        Assert.NotNull(gap);
        Assert.Equal(GapPolarity.Bearish, gap.Value.Polarity);
        Assert.True(gap.Value.IsReversal);
        Assert.Equal(101.5m, gap.Value.Level);
        Assert.Equal(T(3), gap.Value.OpeningBarTime);
        Assert.Equal(6, gap.Value.GroupSizeBeforeCleanup);
    }

    [Fact]
    public void Recompute_after_a_gap_takes_the_latest_bar_holding_the_value()
    {
        // Arrange: first gap bullish at bar 1; bars 3 and 4 share the low 102.6; bar 5 makes a bearish
        // gap at 102.8 (bar 2) and the trim leaves bars 3, 4 and 5.
        var detector = new GapDetector(ThreeMinutes);
        var gaps = Detect(
            detector,
            Series((100, 101), (102, 103), (102.8m, 104), (102.6m, 103.5m), (102.6m, 103.5m), (101.9m, 102.5m))
        );

        // Act
        var bear = detector.Bear;
        var next = detector.Process(Bar(6, 102.3m, 102.55m));

        // Assert
        Assert.Equal(T(2), gaps[5]!.Value.OpeningBarTime);
        Assert.Equal(new Candidate(102.6m, T(4)), bear);
        Assert.Equal(GapPolarity.Bearish, next!.Value.Polarity);
        Assert.Equal(T(4), next.Value.OpeningBarTime);
        Assert.Equal(4, next.Value.GroupSizeBeforeCleanup);
        Assert.Equal(2, next.Value.Sequence);
    }
}
