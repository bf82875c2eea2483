using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Replay;

/// <summary>What a replay did (so far, when it stopped on a bad row).</summary>
/// <param name="Candles">Candle rows read.</param>
/// <param name="Processed">Candles processed.</param>
/// <param name="NotAligned">Candles skipped by the alignment gate.</param>
/// <param name="Duplicates">Candles ignored as duplicates or out of order.</param>
/// <param name="Gaps">Gaps detected.</param>
/// <param name="GapRowsWritten">Gap rows written.</param>
/// <param name="GapRowsSkipped">Gap rows not written because the file already had them.</param>
/// <param name="TradeRowsWritten">Trade rows written.</param>
/// <param name="TradeRowsSkipped">Trade rows not written because the file already had them.</param>
/// <param name="Totals">Running trade totals at the end.</param>
/// <param name="OpenPosition">The position still open at the end, if any.</param>
public sealed record ReplaySummary(
    long Candles,
    long Processed,
    long NotAligned,
    long Duplicates,
    long Gaps,
    int GapRowsWritten,
    int GapRowsSkipped,
    int TradeRowsWritten,
    int TradeRowsSkipped,
    TradeStatistics Totals,
    Position? OpenPosition
);
