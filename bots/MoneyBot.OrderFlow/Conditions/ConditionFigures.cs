namespace MoneyBot.OrderFlow.Conditions;

/// <summary>
/// The figures a condition answer was decided on; a closed family: <see cref="DeltaFigures"/>,
/// <see cref="CvdFigures"/>, <see cref="ZoneFigures"/>.
/// </summary>
public abstract record ConditionFigures
{
    private protected ConditionFigures() { }

    /// <summary>True when the feed was stale at the time.</summary>
    public required bool Stale { get; init; }

    /// <summary>The trades were complete from this exchange time on; null before the first trade.</summary>
    public required long? CoveredFromMs { get; init; }
}
