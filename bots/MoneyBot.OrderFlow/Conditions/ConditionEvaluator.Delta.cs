using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary><c>delta_positive</c> and <c>delta_negative</c>.</summary>
public static partial class ConditionEvaluator
{
    private static ConditionAnswer Delta(ConditionKind kind, in Moment at, TimeSpan window)
    {
        var flow = at.Flow;
        var covered = flow.Covers(window, at.NowMs);
        var totals = flow.NewestTradeMs is null ? default : flow.Window(window, at.NowMs);
        var figures = new DeltaFigures(window, totals, covered)
        {
            Stale = at.Status.Stale,
            CoveredFromMs = flow.CoveredFromMs,
        };
        if (Blocker(at) is { } blocked)
        {
            return Unknown(kind, at, blocked, figures);
        }

        if (!covered)
        {
            return Unknown(kind, at, NotCovered(at, window, "asked"), figures);
        }

        var positive = kind == ConditionKind.DeltaPositive;
        var holds = positive ? totals.Delta > 0 : totals.Delta < 0;
        var word = positive ? "positive" : "negative";
        var figuresText =
            totals.Trades == 0
                ? "no trades"
                : $"buy {ReasonText.Number(totals.BuyQuantity)}, sell {ReasonText.Number(totals.SellQuantity)}, "
                    + $"{totals.Trades} trades";
        var reason =
            $"delta over {ReasonText.Seconds(window)} s is {ReasonText.Signed(totals.Delta)} ({figuresText}): "
            + $"{(holds ? word : "not " + word)}";
        return Answer(kind, at, holds, reason, figures);
    }
}
