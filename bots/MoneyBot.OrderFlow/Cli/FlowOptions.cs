using System.CommandLine;
using System.Globalization;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Cli;

/// <summary>The metric settings, shared by <c>run</c> and <c>replay</c> so both compute the same figures.</summary>
internal sealed class FlowOptions
{
    public Option<WhaleTiers?> Tiers { get; } =
        new("--tiers")
        {
            Description = "Whale tier thresholds small,medium,large,whale in quote currency (default 50k,100k,500k,1M)",
            HelpName = "s,m,l,w",
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0)
                {
                    return null;
                }

                var parts = r.Tokens[0]
                    .Value.Split(',', StringSplitOptions.TrimEntries)
                    .Select(OptionFactory.ParseNumber)
                    .ToList();
                if (parts.Count == 4 && parts.All(p => p is > 0))
                {
                    var tiers = new WhaleTiers(parts[0]!.Value, parts[1]!.Value, parts[2]!.Value, parts[3]!.Value);
                    if (tiers.Small < tiers.Medium && tiers.Medium < tiers.Large && tiers.Large < tiers.Whale)
                    {
                        return tiers;
                    }
                }

                r.AddError(
                    $"--tiers: '{r.Tokens[0].Value}' is not valid (expected four rising numbers like 50k,100k,500k,1M)"
                );
                return null;
            },
        };

    public Option<TimeSpan?> Retention { get; } =
        OptionFactory.Duration(
            "--retention",
            "Trades kept: the longest window that can be asked for (default 15m, at least 15m)"
        );

    public Option<TimeSpan?> SessionAnchor { get; } =
        OptionFactory.Create<TimeSpan>(
            "--session-anchor",
            "Time of day (UTC) at which CVD starts again from 0 (default 00:00)",
            "HH:MM",
            t => TimeSpan.TryParseExact(t, @"hh\:mm", CultureInfo.InvariantCulture, out var a) ? a : null,
            "a time of day like 00:00 or 13:30"
        );

    public Option<decimal?> SlopeEpsilon { get; } =
        OptionFactory.Number(
            "--slope-epsilon",
            "CVD slope beyond +/- this is rising/falling, qty per minute (default 0)",
            0
        );

    public Option<decimal?> BucketSize { get; } =
        OptionFactory.Number("--bucket-size", "Absorption price bucket, quote units (default 10)", 0.00000001m);

    public Option<TimeSpan?> AbsorptionWindow { get; } =
        OptionFactory.Duration("--absorption-window", "Absorption window (default 60s)");

    public Option<decimal?> AbsorptionMultiple { get; } =
        OptionFactory.Number(
            "--absorption-k",
            "A zone's side volume must reach K x the mean per-bucket volume (default 3)",
            1.0001m
        );

    public Option<decimal?> AbsorptionMinNotional { get; } =
        OptionFactory.Number("--absorption-min-notional", "And at least this notional (default 500k)", 0);

    public Option<int?> AbsorptionTolerance { get; } =
        OptionFactory.Create<int>(
            "--absorption-tolerance",
            "How many buckets price may move beyond a zone (default 2)",
            "buckets",
            t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            "a whole number of buckets, 0 or more"
        );

    public Option<TimeSpan?> ZoneLifetime { get; } =
        OptionFactory.Duration(
            "--zone-lifetime",
            "A zone stays active this long after it was last confirmed (default 30m)"
        );

    public void AddTo(Command command)
    {
        foreach (
            Option option in new Option[]
            {
                Tiers,
                Retention,
                SessionAnchor,
                SlopeEpsilon,
                BucketSize,
                AbsorptionWindow,
                AbsorptionMultiple,
                AbsorptionMinNotional,
                AbsorptionTolerance,
                ZoneLifetime,
            }
        )
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings: defaults overridden by the options given (not validated yet).</summary>
    public FlowSettings Settings(ParseResult p)
    {
        var d = FlowSettings.Default;
        var a = d.Absorption;
        return d with
        {
            Tiers = p.GetValue(Tiers) ?? d.Tiers,
            Retention = p.GetValue(Retention) ?? d.Retention,
            SessionAnchor = p.GetValue(SessionAnchor) ?? d.SessionAnchor,
            SlopeEpsilon = p.GetValue(SlopeEpsilon) ?? d.SlopeEpsilon,
            Absorption = a with
            {
                BucketSize = p.GetValue(BucketSize) ?? a.BucketSize,
                Window = p.GetValue(AbsorptionWindow) ?? a.Window,
                VolumeMultiple = p.GetValue(AbsorptionMultiple) ?? a.VolumeMultiple,
                MinNotional = p.GetValue(AbsorptionMinNotional) ?? a.MinNotional,
                ToleranceBuckets = p.GetValue(AbsorptionTolerance) ?? a.ToleranceBuckets,
                ZoneLifetime = p.GetValue(ZoneLifetime) ?? a.ZoneLifetime,
            },
        };
    }
}
