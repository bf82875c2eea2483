using MoneyBot.OrderFlow.Conditions;

namespace MoneyBot.Bots.Tests.OrderFlow.Conditions;

/// <summary>
/// Missing, stale or partial data answers unknown, with the reason, for every condition: never a silent pass or block.
/// </summary>
public sealed class UnknownConditionTests
{
    private static readonly ConditionRequest WithPrice = ConditionRequest.Default with { Price = 65000m };

    private static IReadOnlyList<ConditionAnswer> AskAll(BoardRig rig) =>
        rig.Board.Read("BTCUSDT", (flow, status) => ConditionEvaluator.EvaluateAll(flow, status, WithPrice));

    [Fact]
    public void Every_condition_is_unknown_before_the_first_trade()
    {
        // Arrange
        var rig = new BoardRig();

        // Act
        var answers = AskAll(rig);

        // Assert
        Assert.Equal(ConditionNames.All, answers.Select(a => a.Kind));
        Assert.All(answers, a =>
            Assert.Equal((ConditionValue.Unknown, "no trade received yet for BTCUSDT"), (a.Value, a.Reason))
        );
    }

    [Fact]
    public void Every_condition_is_unknown_once_the_feed_is_stale_even_with_full_history()
    {
        // Arrange: a rising CVD, positive delta and covered history, then 11 s of silence (stale after 10 s).
        var rig = new BoardRig();
        for (var m = 0; m <= 6; m++)
        {
            rig.Buy((m * 60) + 10, 65000m, 1m);
        }

        var fresh = rig.Ask(ConditionKind.DeltaPositive);
        rig.At(370 + 11);

        // Act
        var answers = AskAll(rig);

        // Assert
        Assert.Equal(ConditionValue.True, fresh.Value);
        Assert.All(answers, a => Assert.Equal(ConditionValue.Unknown, a.Value));
        Assert.All(answers, a =>
            Assert.StartsWith(
                "the BTCUSDT feed is stale: no trade for 11 s (the last at 2025-11-21T12:06:10.000Z)",
                a.Reason,
                StringComparison.Ordinal
            )
        );
        Assert.All(answers, a => Assert.True(a.Figures.Stale));
    }

    [Fact]
    public void Delta_is_unknown_while_the_history_is_shorter_than_the_window()
    {
        // Arrange
        var rig = new BoardRig().Buy(0, 65000m, 1m).Buy(45, 65000m, 1m);

        // Act
        var answer = rig.Ask(ConditionKind.DeltaPositive);

        // Assert
        Assert.Equal(ConditionValue.Unknown, answer.Value);
        Assert.Equal("only 45 s of complete history, 300 s asked", answer.Reason);
        Assert.False(Assert.IsType<DeltaFigures>(answer.Figures).Covered);
    }

    [Fact]
    public void Delta_is_unknown_after_missed_trades_until_the_window_is_whole_again()
    {
        // Arrange: 400 s of history, then trades 3 ids ahead at second 390.
        var rig = new BoardRig()
            .Buy(0, 65000m, 1m)
            .Buy(380, 65000m, 1m)
            .Miss(3)
            .Buy(390, 65000m, 1m)
            .Buy(400, 65000m, 1m);

        // Act
        var answer = rig.Ask(ConditionKind.DeltaPositive);

        // Assert
        Assert.Equal(ConditionValue.Unknown, answer.Value);
        Assert.Equal(
            "only 10 s of complete history (trades were missed just before 2025-11-21T12:06:30.000Z), 300 s asked",
            answer.Reason
        );
    }
}
