namespace MoneyBot.OrderFlow.Conditions;

/// <summary>The parameters of a condition query.</summary>
/// <param name="Window">The delta window W (default 300 s); at most the retention.</param>
/// <param name="Price">The price the absorption-zone conditions look around; null when not given (they answer
/// unknown).</param>
/// <param name="Tolerance">How far from the price a zone counts as near, in price units; null for the absorption
/// tolerance (2 buckets, 20 by default).</param>
public sealed record ConditionRequest(TimeSpan Window, decimal? Price = null, decimal? Tolerance = null)
{
    /// <summary>The default delta window: 300 s.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromSeconds(300);

    /// <summary>300 s, no price, the default tolerance.</summary>
    public static ConditionRequest Default { get; } = new(DefaultWindow);
}
