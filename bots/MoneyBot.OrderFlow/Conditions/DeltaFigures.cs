using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Conditions;

/// <summary>What <c>delta_positive</c> and <c>delta_negative</c> looked at.</summary>
/// <param name="Window">W.</param>
/// <param name="Totals">Buy/sell quantity and notional over (now - W, now].</param>
/// <param name="Covered">True when the bot has every trade of the window.</param>
public sealed record DeltaFigures(TimeSpan Window, FlowTotals Totals, bool Covered) : ConditionFigures;
