using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary>
/// Answers the conditions of spec section 4 from one symbol's metrics and feed status, read together
/// under the symbol's lock (<see cref="FlowBoard.Read{T}"/>). Every answer is true, false or unknown
/// with a reason: no trade yet, a stale feed, a window the history does not fully cover, a CVD slope
/// without 6 one-minute bars, or no price to look around is unknown, never a silent pass or block.
/// </summary>
public static partial class ConditionEvaluator
{
    /// <summary>Every condition (<see cref="ConditionNames.All"/>), in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is not within the retention, or the tolerance is
    /// negative.</exception>
    public static IReadOnlyList<ConditionAnswer> EvaluateAll(
        SymbolFlow flow,
        SymbolFeedStatus status,
        ConditionRequest request
    ) => [.. ConditionNames.All.Select(kind => Evaluate(kind, flow, status, request))];

    /// <summary>One condition at <see cref="SymbolFeedStatus.NowMs"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is not within the retention, or the tolerance is
    /// negative.</exception>
    public static ConditionAnswer Evaluate(
        ConditionKind kind,
        SymbolFlow flow,
        SymbolFeedStatus status,
        ConditionRequest request
    )
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(request);
        var at = new Moment(flow, status, Math.Max(status.NowMs, flow.NowMs));
        return kind switch
        {
            ConditionKind.DeltaPositive or ConditionKind.DeltaNegative => Delta(
                kind,
                at,
                CheckWindow(request.Window, flow.Settings)
            ),
            ConditionKind.CvdRising or ConditionKind.CvdFalling => Cvd(kind, at),
            ConditionKind.AbsorptionZoneNear or ConditionKind.AvoidAbsorptionZones => Zones(kind, at, request),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a condition."),
        };
    }

    private static TimeSpan CheckWindow(TimeSpan window, FlowSettings settings) =>
        window > TimeSpan.Zero && window <= settings.Retention
            ? window
            : throw new ArgumentOutOfRangeException(
                nameof(window),
                window,
                $"The delta window must be above 0 and at most the retention ({settings.Retention})."
            );

    /// <summary>Why nothing can be said about any condition (no trade yet, stale feed), or null.</summary>
    private static string? Blocker(in Moment at)
    {
        if (at.Flow.NewestTradeMs is not { } newest)
        {
            return $"no trade received yet for {at.Flow.Symbol}";
        }

        return at.Status.Stale
            ? $"the {at.Flow.Symbol} feed is stale: no trade for {ReasonText.Seconds(at.NowMs - newest)} s (the "
                + $"last at {ReasonText.Time(newest)}), so its figures are out of date"
            : null;
    }

    /// <summary>"only 45 s of complete history, 300 s asked", saying when trades were missed.</summary>
    private static string NotCovered(in Moment at, TimeSpan window, string what)
    {
        var from = at.Flow.CoveredFromMs ?? at.NowMs;
        var missed =
            at.Flow.Counters.Gaps > 0 ? $" (trades were missed just before {ReasonText.Time(from)})" : string.Empty;
        return $"only {ReasonText.Seconds(at.NowMs - from)} s of complete history{missed}, "
            + $"{ReasonText.Seconds(window)} s {what}";
    }

    private static ConditionAnswer Answer(
        ConditionKind kind,
        in Moment at,
        bool holds,
        string reason,
        ConditionFigures figures
    ) => new(kind, at.Flow.Symbol, holds ? ConditionValue.True : ConditionValue.False, reason, at.NowMs, figures);

    private static ConditionAnswer Unknown(ConditionKind kind, in Moment at, string reason, ConditionFigures figures) =>
        new(kind, at.Flow.Symbol, ConditionValue.Unknown, reason, at.NowMs, figures);

    /// <summary>The metrics, their feed status, and the moment the question is asked at.</summary>
    private readonly record struct Moment(SymbolFlow Flow, SymbolFeedStatus Status, long NowMs);
}
