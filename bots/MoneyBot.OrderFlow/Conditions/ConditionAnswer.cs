namespace MoneyBot.OrderFlow.Conditions;

/// <summary>The answer to one condition: true, false or unknown, why, and the figures it was decided on.</summary>
/// <param name="Kind">The condition.</param>
/// <param name="Symbol">Symbol, upper case.</param>
/// <param name="Value">True, false or unknown.</param>
/// <param name="Reason">Why, in words, with the figures (e.g. "only 45 s of complete history, 300 s asked").</param>
/// <param name="AtMs">The moment (exchange time, Unix ms) the data was taken at.</param>
/// <param name="Figures">The figures used: <see cref="DeltaFigures"/>, <see cref="CvdFigures"/> or <see
/// cref="ZoneFigures"/>.</param>
public sealed record ConditionAnswer(
    ConditionKind Kind,
    string Symbol,
    ConditionValue Value,
    string Reason,
    long AtMs,
    ConditionFigures Figures
)
{
    /// <summary>The wire name (<c>delta_positive</c>...).</summary>
    public string Name => ConditionNames.Name(Kind);
}
