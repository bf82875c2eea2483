using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary><c>absorption_zone_near</c> and <c>avoid_absorption_zones</c>.</summary>
public static partial class ConditionEvaluator
{
    private static ConditionAnswer Zones(ConditionKind kind, in Moment at, ConditionRequest request)
    {
        var flow = at.Flow;
        var settings = flow.Settings.Absorption;
        var tolerance = request.Tolerance ?? settings.TolerancePrice;
        if (tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), tolerance, "The tolerance must not be negative.");
        }

        var covered = flow.Covers(settings.Window, at.NowMs);
        var zones = flow.NewestTradeMs is null ? [] : flow.Zones(at.NowMs);
        var price = request.Price;
        var byDistance = price is { } p ? zones.OrderBy(z => z.DistanceTo(p)).ToList() : [];
        var near = price is { } q ? byDistance.TakeWhile(z => z.DistanceTo(q) <= tolerance).ToList() : [];
        var nearest = byDistance.FirstOrDefault();
        var figures = new ZoneFigures(
            price,
            tolerance,
            settings.Window,
            covered,
            zones.Count,
            near,
            nearest,
            price is { } d && nearest is not null ? nearest.DistanceTo(d) : null
        )
        {
            Stale = at.Status.Stale,
            CoveredFromMs = flow.CoveredFromMs,
        };
        if (price is not { } asked)
        {
            return Unknown(
                kind,
                at,
                "no price given: ask with price=<P> (and tolerance=<T>, default "
                    + ReasonText.Number(settings.TolerancePrice)
                    + ")",
                figures
            );
        }

        if (Blocker(at) is { } blocked)
        {
            return Unknown(kind, at, blocked, figures);
        }

        if (!covered)
        {
            return Unknown(
                kind,
                at,
                "absorption zones are found over "
                    + ReasonText.Seconds(settings.Window)
                    + " s: "
                    + NotCovered(at, settings.Window, "needed"),
                figures
            );
        }

        var within = $"within {ReasonText.Number(tolerance)} of {ReasonText.Number(asked)}";
        var isNear = near.Count > 0;
        var reason = isNear
            ? $"{near.Count} active absorption zone{(near.Count == 1 ? " is" : "s are")} {within}; the nearest "
                + $"{Describe(near[0])}, {ReasonText.Number(near[0].DistanceTo(asked))} away"
            : $"no active absorption zone {within} ("
                + (
                    nearest is null
                        ? "none active"
                        : $"{zones.Count} active; the nearest {Describe(nearest)}, "
                            + $"{ReasonText.Number(nearest.DistanceTo(asked))} away"
                )
                + ")";
        return kind == ConditionKind.AbsorptionZoneNear
            ? Answer(kind, at, isNear, reason, figures)
            : Answer(kind, at, !isNear, isNear ? reason + ": avoid" : "clear: " + reason, figures);
    }

    /// <summary>"64990-65000 (aggressive sells absorbed: support)".</summary>
    private static string Describe(AbsorptionZone zone) =>
        $"{ReasonText.Number(zone.PriceLow)}-{ReasonText.Number(zone.PriceHigh)} "
        + (
            zone.AbsorbedSide == Aggressor.Buy
                ? "(aggressive buys absorbed: resistance)"
                : "(aggressive sells absorbed: support)"
        );
}
