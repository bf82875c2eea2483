namespace MoneyBot.OrderFlow.Flow;

/// <summary>The totals of one bucket (start, end] of a delta series and whether the bot's history covers it.</summary>
/// <param name="StartMs">Start of the bucket (exchange time, Unix ms), left out: a trade at it belongs to the
/// bucket before.</param>
/// <param name="EndMs">End of the bucket, included.</param>
/// <param name="Totals">Buy/sell quantity and notional, trades, whales per tier.</param>
/// <param name="Covered">False when the bucket starts before the trades the bot has complete (the rule of
/// <see cref="WindowFigures.Covered"/>).</param>
public readonly record struct DeltaBucket(long StartMs, long EndMs, FlowTotals Totals, bool Covered);
