using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary><c>cvd_rising</c> and <c>cvd_falling</c>.</summary>
public static partial class ConditionEvaluator
{
    private const long MinuteMs = 60_000;

    /// <summary>Bars in the slope: the last 5 completed minutes and the current one.</summary>
    private const int SlopeBars = 6;

    private static ConditionAnswer Cvd(ConditionKind kind, in Moment at)
    {
        var flow = at.Flow;
        var slope = flow.CvdSlope(at.NowMs);
        var trend = flow.Trend(slope);
        var epsilon = flow.Settings.SlopeEpsilon;

        // The slope uses differences of the closes, so a hole in the trades before the end of its
        // oldest bar shifts every close alike and cancels out; a hole after it distorts the slope.
        var minute = at.NowMs - (((at.NowMs % MinuteMs) + MinuteMs) % MinuteMs);
        var needsFrom = minute - ((SlopeBars - 2) * MinuteMs);
        var figures = new CvdFigures(flow.Cvd(at.NowMs), slope, epsilon, trend, needsFrom)
        {
            Stale = at.Status.Stale,
            CoveredFromMs = flow.CoveredFromMs,
        };
        if (Blocker(at) is { } blocked)
        {
            return Unknown(kind, at, blocked, figures);
        }

        if (slope is not { } s)
        {
            var bars = flow.CvdBars().Count; // fewer than 6 here: a short list
            return Unknown(
                kind,
                at,
                $"the CVD slope needs {SlopeBars} one-minute bars (the last 5 complete minutes and the current "
                    + $"one); only {bars} so far",
                figures
            );
        }

        if (flow.CoveredFromMs > needsFrom)
        {
            return Unknown(
                kind,
                at,
                $"the CVD slope spans the trades since {ReasonText.Time(needsFrom)}, but trades were missed: the "
                    + $"history is complete only since {ReasonText.Time(flow.CoveredFromMs.Value)}",
                figures
            );
        }

        var rising = kind == ConditionKind.CvdRising;
        var holds = trend == (rising ? CvdTrend.Rising : CvdTrend.Falling);
        var word = trend switch
        {
            CvdTrend.Rising => "rising",
            CvdTrend.Falling => "falling",
            _ => "flat",
        };
        var reason =
            $"CVD slope {ReasonText.Signed(decimal.Round(s, 6))} per minute over the last {SlopeBars} one-minute bars "
            + $"(epsilon {ReasonText.Number(epsilon)}): "
            + $"{word}{(holds ? string.Empty : ", not " + (rising ? "rising" : "falling"))}";
        return Answer(kind, at, holds, reason, figures);
    }
}
