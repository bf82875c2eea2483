using System.Globalization;

namespace MoneyBot.OrderFlow.Flow;

/// <summary>How the metrics of one symbol are computed (spec orderflow.md section 3). Validated once.</summary>
public sealed record FlowSettings
{
    /// <summary>The spec's defaults.</summary>
    public static FlowSettings Default { get; } = new();

    /// <summary>The windows every snapshot reports: 30 s, 60 s and 300 s.</summary>
    public static IReadOnlyList<TimeSpan> StandardWindows { get; } =
    [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(300)];

    /// <summary>Whale thresholds by notional.</summary>
    public WhaleTiers Tiers { get; init; } = WhaleTiers.Default;

    /// <summary>
    /// How far back trades are kept: the longest window that can be asked for, and the recent whale trades.
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Time of day (UTC) at which the CVD session starts again from zero; whole minutes.</summary>
    public TimeSpan SessionAnchor { get; init; } = TimeSpan.Zero;

    /// <summary>CVD slope above this is rising, below its negative falling (qty per minute).</summary>
    public decimal SlopeEpsilon { get; init; }

    /// <summary>The pressure window (30 s).</summary>
    public TimeSpan PressureWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pressure above this: BUY dominates.</summary>
    public decimal BuyDominantAbove { get; init; } = 1.2m;

    /// <summary>Pressure below this: SELL dominates.</summary>
    public decimal SellDominantBelow { get; init; } = 0.8m;

    /// <summary>Book levels per side in the imbalance.</summary>
    public int BookLevels { get; init; } = 5;

    /// <summary>Absorption zone detection.</summary>
    public AbsorptionSettings Absorption { get; init; } = AbsorptionSettings.Default;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public FlowSettings Validate()
    {
        Tiers.Validate();
        Absorption.Validate();
        Require(
            Retention >= TimeSpan.FromMinutes(15),
            $"retention must be at least 15m (the spec's shortest; windows up to it can be asked for), not {Retention}"
        );
        Require(
            Absorption.Window <= Retention,
            $"the absorption window ({Absorption.Window}) must not be longer than the retention ({Retention})"
        );
        Require(
            PressureWindow > TimeSpan.Zero && PressureWindow <= Retention,
            $"the pressure window must be within the retention, not {PressureWindow}"
        );
        Require(
            SessionAnchor >= TimeSpan.Zero
                && SessionAnchor < TimeSpan.FromDays(1)
                && SessionAnchor.Ticks % TimeSpan.TicksPerMinute == 0,
            $"the session anchor must be a whole minute of the day (00:00 to 23:59 UTC), not {SessionAnchor}"
        );
        Require(
            SlopeEpsilon >= 0,
            string.Create(
                CultureInfo.InvariantCulture,
                $"the CVD slope epsilon must not be negative, not {SlopeEpsilon}"
            )
        );
        Require(
            SellDominantBelow > 0 && BuyDominantAbove > SellDominantBelow,
            "pressure thresholds: 0 < sell-below < buy-above"
        );
        Require(BookLevels is >= 1 and <= 20, $"book levels must be 1 to 20, not {BookLevels}");
        return this;
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message[..1].ToUpperInvariant() + message[1..] + ".");
        }
    }
}
