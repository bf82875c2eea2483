using MoneyBot.OrderFlow.Conditions;

namespace MoneyBot.Bots.Tests.OrderFlow.Conditions;

public sealed class DeltaConditionTests
{
    [Fact]
    public void Delta_positive_is_true_and_delta_negative_false_when_buys_outweigh_sells_over_300s()
    {
        // Arrange: the sell at second 0 is exactly 301 s old at the end, outside (1, 301].
        var rig = new BoardRig().Sell(0, 65000m, 5m).Buy(100, 65000m, 2m).Sell(200, 65000m, 1m).Buy(301, 65000m, 0.5m);

        // Act
        var positive = rig.Ask(ConditionKind.DeltaPositive);
        var negative = rig.Ask(ConditionKind.DeltaNegative);

        // Assert
        Assert.Equal(ConditionValue.True, positive.Value);
        Assert.Equal("delta over 300 s is +1.5 (buy 2.5, sell 1, 3 trades): positive", positive.Reason);
        Assert.Equal(ConditionValue.False, negative.Value);
        Assert.EndsWith(": not negative", negative.Reason, StringComparison.Ordinal);
        var figures = Assert.IsType<DeltaFigures>(positive.Figures);
        Assert.Equal((1.5m, true, TimeSpan.FromSeconds(300)), (figures.Totals.Delta, figures.Covered, figures.Window));
        Assert.Equal(rig.T0 + 301_000, positive.AtMs);
    }

    [Fact]
    public void Delta_negative_is_true_and_delta_positive_false_when_sells_outweigh_buys()
    {
        // Arrange
        var rig = new BoardRig().Buy(0, 65000m, 1m).Sell(150, 65000m, 3m).Buy(300, 65000m, 1m);

        // Act
        var positive = rig.Ask(ConditionKind.DeltaPositive);
        var negative = rig.Ask(ConditionKind.DeltaNegative);

        // Assert
        Assert.Equal(ConditionValue.False, positive.Value);
        Assert.Equal(ConditionValue.True, negative.Value);
        Assert.Equal("delta over 300 s is -2 (buy 1, sell 3, 2 trades): negative", negative.Reason);
    }

    [Fact]
    public void A_delta_of_exactly_zero_is_neither_positive_nor_negative()
    {
        // Arrange
        var rig = new BoardRig().Buy(0, 65000m, 7m).Buy(100, 65000m, 1m).Sell(301, 65000m, 1m);

        // Act
        var positive = rig.Ask(ConditionKind.DeltaPositive);
        var negative = rig.Ask(ConditionKind.DeltaNegative);

        // Assert
        Assert.Equal((ConditionValue.False, ConditionValue.False), (positive.Value, negative.Value));
        Assert.Contains("is 0", positive.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shorter_window_that_the_history_covers_is_answered()
    {
        // Arrange: 45 s of history; the 30 s window (15, 45] holds only the sell.
        var rig = new BoardRig().Buy(0, 65000m, 4m).Sell(40, 65000m, 1m).Buy(45, 65000m, 0.25m);

        // Act
        var answer = rig.Ask(ConditionKind.DeltaNegative, new ConditionRequest(TimeSpan.FromSeconds(30)));

        // Assert
        Assert.Equal(ConditionValue.True, answer.Value);
        Assert.StartsWith("delta over 30 s is -0.75", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_beyond_the_retention_is_refused_as_a_caller_error()
    {
        // Arrange
        var rig = new BoardRig().Buy(0, 65000m, 1m);

        // Act
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            rig.Ask(ConditionKind.DeltaPositive, new ConditionRequest(TimeSpan.FromMinutes(16)))
        );

        // Assert
        Assert.Contains("retention", error.Message, StringComparison.Ordinal);
    }
}
