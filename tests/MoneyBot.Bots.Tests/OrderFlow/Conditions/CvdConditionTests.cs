using MoneyBot.OrderFlow.Conditions;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.Bots.Tests.OrderFlow.Conditions;

public sealed class CvdConditionTests
{
    /// <summary>
    /// One trade of <paramref name="quantity"/> (negative: a sell) at second 10 of minutes 0..<paramref
    /// name="lastMinute"/>.
    /// </summary>
    private static BoardRig EveryMinute(int lastMinute, decimal quantity, FlowSettings? settings = null)
    {
        var rig = new BoardRig(settings);
        for (var m = 0; m <= lastMinute; m++)
        {
            _ = quantity > 0 ? rig.Buy((m * 60) + 10, 65000m, quantity) : rig.Sell((m * 60) + 10, 65000m, -quantity);
        }

        return rig;
    }

    [Fact]
    public void Cvd_rising_is_true_and_cvd_falling_false_when_the_slope_is_above_epsilon()
    {
        // Arrange: closes 1..6, slope 1 per minute.
        var rig = EveryMinute(5, 1m);

        // Act
        var rising = rig.Ask(ConditionKind.CvdRising);
        var falling = rig.Ask(ConditionKind.CvdFalling);

        // Assert
        Assert.Equal(ConditionValue.True, rising.Value);
        Assert.Equal("CVD slope +1 per minute over the last 6 one-minute bars (epsilon 0): rising", rising.Reason);
        Assert.Equal(ConditionValue.False, falling.Value);
        Assert.EndsWith("rising, not falling", falling.Reason, StringComparison.Ordinal);
        var figures = Assert.IsType<CvdFigures>(rising.Figures);
        Assert.Equal((6m, 1m, CvdTrend.Rising), (figures.Cvd, figures.Slope, figures.Trend));
    }

    [Fact]
    public void Cvd_falling_is_true_when_the_slope_is_below_minus_epsilon()
    {
        // Arrange
        var rig = EveryMinute(5, -2m);

        // Act
        var falling = rig.Ask(ConditionKind.CvdFalling);
        var rising = rig.Ask(ConditionKind.CvdRising);

        // Assert
        Assert.Equal((ConditionValue.True, ConditionValue.False), (falling.Value, rising.Value));
        Assert.Contains("slope -2 per minute", falling.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slope_within_epsilon_is_flat_so_neither_rising_nor_falling()
    {
        // Arrange: slope 1 against an epsilon of 1.5.
        var rig = EveryMinute(5, 1m, FlowSettings.Default with { SlopeEpsilon = 1.5m });

        // Act
        var rising = rig.Ask(ConditionKind.CvdRising);
        var falling = rig.Ask(ConditionKind.CvdFalling);

        // Assert
        Assert.Equal((ConditionValue.False, ConditionValue.False), (rising.Value, falling.Value));
        Assert.EndsWith("(epsilon 1.5): flat, not rising", rising.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cvd_conditions_are_unknown_with_fewer_than_6_one_minute_bars()
    {
        // Arrange: minutes 0..3 only.
        var rig = EveryMinute(3, 1m);

        // Act
        var answer = rig.Ask(ConditionKind.CvdRising);

        // Assert
        Assert.Equal(ConditionValue.Unknown, answer.Value);
        Assert.Equal(
            "the CVD slope needs 6 one-minute bars (the last 5 complete minutes and the current one); only 4 so far",
            answer.Reason
        );
        Assert.Null(Assert.IsType<CvdFigures>(answer.Figures).Slope);
    }

    [Fact]
    public void Missed_trades_inside_the_slope_span_make_the_cvd_conditions_unknown()
    {
        // Arrange: a hole just before 12:06:10; at 12:07:10 the slope's closes run from the end of 12:02.
        var rig = new BoardRig();
        for (var m = 0; m <= 7; m++)
        {
            if (m == 6)
            {
                rig.Miss(2);
            }

            rig.Buy((m * 60) + 10, 65000m, 1m);
        }

        // Act
        var answer = rig.Ask(ConditionKind.CvdRising);

        // Assert
        Assert.Equal(ConditionValue.Unknown, answer.Value);
        Assert.Equal(
            "the CVD slope spans the trades since 2025-11-21T12:03:00.000Z, but trades were missed: the history "
                + "is complete only since 2025-11-21T12:06:10.000Z",
            answer.Reason
        );
    }

    [Fact]
    public void Missed_trades_older_than_the_slope_span_shift_every_close_alike_and_do_not_matter()
    {
        // Arrange: the hole is before 12:02:10; at 12:08:10 the closes run from the end of 12:03.
        var rig = new BoardRig();
        for (var m = 0; m <= 8; m++)
        {
            if (m == 2)
            {
                rig.Miss(2);
            }

            rig.Buy((m * 60) + 10, 65000m, 1m);
        }

        // Act
        var answer = rig.Ask(ConditionKind.CvdRising);

        // Assert
        Assert.Equal(ConditionValue.True, answer.Value);
    }
}
