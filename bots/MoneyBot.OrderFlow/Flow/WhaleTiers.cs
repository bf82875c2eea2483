using System.Globalization;

namespace MoneyBot.OrderFlow.Flow;

/// <summary>Notional thresholds (quote currency, inclusive) of the whale tiers.</summary>
/// <param name="Small">Smallest notional of a small whale.</param>
/// <param name="Medium">Smallest notional of a medium whale.</param>
/// <param name="Large">Smallest notional of a large whale.</param>
/// <param name="Whale">Smallest notional of a whale.</param>
public sealed record WhaleTiers(decimal Small, decimal Medium, decimal Large, decimal Whale)
{
    /// <summary>50k, 100k, 500k, 1M (USD).</summary>
    public static WhaleTiers Default { get; } = new(50_000m, 100_000m, 500_000m, 1_000_000m);

    /// <summary>The highest tier <paramref name="notional"/> reaches (thresholds inclusive).</summary>
    public WhaleTier Classify(decimal notional) =>
        notional < Small ? WhaleTier.None // nearly every trade: one comparison
        : notional < Medium ? WhaleTier.Small
        : notional < Large ? WhaleTier.Medium
        : notional < Whale ? WhaleTier.Large
        : WhaleTier.Whale;

    /// <summary>Throws an <see cref="ArgumentException"/> unless the thresholds are positive and rising.</summary>
    public WhaleTiers Validate()
    {
        if (!(Small > 0 && Medium > Small && Large > Medium && Whale > Large))
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Whale tiers must be positive and rising (small < medium < large < whale), not {Small}, "
                        + $"{Medium}, {Large}, {Whale}."
                )
            );
        }

        return this;
    }

    /// <summary>Parses a tier name (small, medium, large, whale), any case.</summary>
    public static bool TryParseTier(string? text, out WhaleTier tier)
    {
        tier = text?.Trim().ToUpperInvariant() switch
        {
            "SMALL" => WhaleTier.Small,
            "MEDIUM" => WhaleTier.Medium,
            "LARGE" => WhaleTier.Large,
            "WHALE" => WhaleTier.Whale,
            _ => WhaleTier.None,
        };
        return tier != WhaleTier.None;
    }

    /// <summary>The tier's name in lower case, as in the JSON and the metrics.</summary>
    public static string Name(WhaleTier tier) =>
        tier switch
        {
            WhaleTier.Small => "small",
            WhaleTier.Medium => "medium",
            WhaleTier.Large => "large",
            WhaleTier.Whale => "whale",
            _ => "none",
        };
}
