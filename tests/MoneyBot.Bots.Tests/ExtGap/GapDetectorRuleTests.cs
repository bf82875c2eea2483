using MoneyBot.ExtGap.Detection;
using static MoneyBot.Bots.Tests.ExtGap.Bars;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>Bearish precedence, the 500-bar cap, the alignment gate and duplicates.</summary>
public sealed class GapDetectorRuleTests
{
    [Fact]
    public void Before_the_first_gap_bearish_wins_when_both_conditions_hold()
    {
        // Arrange: before the first gap every pair of bars overlaps, so with well-formed bars both
        // conditions cannot hold at once; an inverted bar (low above high) exercises the rule anyway.
        var candles = new[]
        {
            Bar(0, 100, 110),
            Bar(1, 105, 108),
            Candle.Create(ThreeMinutes, T(2), 104, 104, 104.5m, 104),
        };

        // Act
        var gaps = Gaps(candles);

        // Assert: high 104 < maxLow 105 and low 104.5 > minHigh 104: bearish at 105 (bar 1).
        var (_, gap) = Assert.Single(gaps);
        Assert.Equal(GapPolarity.Bearish, gap.Polarity);
        Assert.Equal(105m, gap.Level);
        Assert.Equal(T(1), gap.OpeningBarTime);
        Assert.True(gap.IsFirstGap);
    }

    [Fact]
    public void After_the_first_gap_bearish_wins_when_both_conditions_hold()
    {
        // Arrange: the fixture's bars; bar 5 is below the bear candidate (102.6) and above the bull candidate (102.5).
        var candles = Series(
            (100, 101),
            (102, 103),
            (102.8m, 104),
            (102.6m, 103.5m),
            (101.9m, 102.5m),
            (102.52m, 102.55m)
        );

        // Act
        var gaps = Gaps(candles);

        // Assert
        Assert.Equal(3, gaps.Count);
        var (index, gap) = gaps[^1];
        Assert.Equal(5, index);
        Assert.Equal(GapPolarity.Bearish, gap.Polarity);
        Assert.Equal(102.6m, gap.Level);
        Assert.Equal(T(3), gap.OpeningBarTime);
        Assert.False(gap.IsReversal);
    }

    [Theory]
    [InlineData(498, true)]
    [InlineData(499, false)]
    public void The_group_keeps_at_most_500_bars_and_an_evicted_bar_no_longer_counts(int fillers, bool gapExpected)
    {
        // Arrange: bar 0 holds the highest low (100); fillers overlap everything; the last bar is below 100
        // but overlaps the fillers. With 499 fillers bar 0 is evicted when the last bar comes in.
        var candles = new List<Candle> { Bar(0, 100, 110) };
        candles.AddRange(Enumerable.Range(1, fillers).Select(i => Bar(i, 90, 105)));
        candles.Add(Bar(fillers + 1, 95, 99));
        var detector = new GapDetector(ThreeMinutes);

        // Act
        var gaps = Detect(detector, candles);

        // Assert
        Assert.Equal(500, GapDetector.MaxGroupSize);
        Assert.All(gaps[..^1], g => Assert.Null(g));
        Assert.Equal(gapExpected, gaps[^1] is { Polarity: GapPolarity.Bearish, Level: 100m });
        Assert.Equal(Math.Min(fillers + 2, 500), detector.GroupCount);
    }

    [Fact]
    public void Candles_before_the_first_aligned_one_are_skipped_and_later_ones_are_not()
    {
        // Arrange: 00:01 is not on a 3m boundary; without the gate 00:01 + 00:03 would make a bullish gap.
        var detector = new GapDetector(ThreeMinutes);
        var misaligned = Candle.Create(ThreeMinutes, Start.AddMinutes(1), 100, 101, 100, 101);
        var aligned = Bar(1, 102, 103);
        var lateMisaligned = Candle.Create(ThreeMinutes, Start.AddMinutes(7), 104, 105, 104, 105);

        // Act
        var admission = detector.Admit(misaligned);
        var gaps = Detect(detector, [misaligned, aligned]);
        var lateAdmission = detector.Admit(lateMisaligned);

        // Assert
        Assert.Equal(CandleAdmission.NotAligned, admission);
        Assert.All(gaps, g => Assert.Null(g));
        Assert.Equal(1, detector.GroupCount);
        Assert.Equal(CandleAdmission.Accepted, lateAdmission);
    }

    [Fact]
    public void Duplicate_and_out_of_order_candles_are_ignored()
    {
        // Arrange: a repeated open time (with other prices) and an older candle would each make a gap if appended.
        var detector = new GapDetector(ThreeMinutes);
        Detect(detector, [Bar(0, 100, 101), Bar(1, 100.5m, 101.5m)]);

        // Act
        var duplicate = detector.Process(Bar(1, 102, 103));
        var older = detector.Process(Bar(0, 90, 95));

        // Assert
        Assert.Null(duplicate);
        Assert.Null(older);
        Assert.Equal(CandleAdmission.Duplicate, detector.Admit(Bar(1, 102, 103)));
        Assert.Equal(2, detector.GroupCount);
        Assert.Equal(T(1), detector.LastOpenTime);
    }

    [Fact]
    public void The_first_candle_alone_never_makes_a_gap()
    {
        // Arrange
        var detector = new GapDetector(ThreeMinutes);

        // Act
        var gap = detector.Process(Bar(0, 100, 101));

        // Assert
        Assert.Null(gap);
        Assert.False(detector.IsInitialized);
    }

    [Fact]
    public void Timeframes_parse_binance_names_and_reject_others()
    {
        // Arrange
        string[] names = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "1d"];
        long[] minutes = [1, 3, 5, 15, 30, 60, 120, 240, 1440];

        // Act
        var parsed = names.Select(Timeframe.Parse).ToArray();

        // Assert
        Assert.Equal(minutes.Select(m => TimeSpan.FromMinutes(m)), parsed.Select(t => t.Interval));
        Assert.False(Timeframe.TryParse("7m", out _));
        Assert.False(Timeframe.TryParse("1M", out _));
        Assert.Equal(Start.AddMinutes(15).AddMilliseconds(-1), Timeframe.Parse("15m").CloseTimeOf(Start));
    }
}
