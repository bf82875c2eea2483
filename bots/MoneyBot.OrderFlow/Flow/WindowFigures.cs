namespace MoneyBot.OrderFlow.Flow;

/// <summary>The totals of one window (t - W, t] and whether the bot's history covers all of it.</summary>
/// <param name="Window">W.</param>
/// <param name="Totals">Buy/sell quantity and notional, trades, whales per tier.</param>
/// <param name="Covered">False when the window reaches back before the trades the bot has complete (just started, or
/// after an unfilled gap).</param>
public sealed record WindowFigures(TimeSpan Window, FlowTotals Totals, bool Covered);
