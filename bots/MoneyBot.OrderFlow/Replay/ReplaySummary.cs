namespace MoneyBot.OrderFlow.Replay;

/// <summary>What a replay read and wrote.</summary>
/// <param name="Lines">Input lines read.</param>
/// <param name="Trades">aggTrade messages read.</param>
/// <param name="BookUpdates">Depth messages read.</param>
/// <param name="Ignored">Other messages (subscription answers, other event types, blank lines) passed over.</param>
/// <param name="Duplicates">Trades whose id was already applied.</param>
/// <param name="Gaps">Holes in the trade ids (nothing to backfill from in a replay).</param>
/// <param name="MissedTrades">Trades in those holes.</param>
/// <param name="OutOfOrder">Trades with a time earlier than one already applied.</param>
/// <param name="LinesWritten">Metrics lines written.</param>
/// <param name="Symbols">Symbols seen.</param>
public sealed record ReplaySummary(
    long Lines,
    long Trades,
    long BookUpdates,
    long Ignored,
    long Duplicates,
    long Gaps,
    long MissedTrades,
    long OutOfOrder,
    long LinesWritten,
    IReadOnlyList<string> Symbols
);
