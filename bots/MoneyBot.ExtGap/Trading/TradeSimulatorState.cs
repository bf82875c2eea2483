namespace MoneyBot.ExtGap.Trading;

/// <summary>Everything the <see cref="TradeSimulator"/> needs to resume.</summary>
/// <param name="OpenPosition">The open position, if any.</param>
/// <param name="PendingEntry">With the next-open rule: the side to enter at the next candle's open.</param>
/// <param name="Totals">Running totals.</param>
public sealed record TradeSimulatorState(Position? OpenPosition, PositionSide? PendingEntry, TradeStatistics Totals);
