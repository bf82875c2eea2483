namespace MoneyBot.OrderFlow.Flow;

/// <summary>What happened to the trades of one symbol so far.</summary>
/// <param name="Trades">Trades applied.</param>
/// <param name="Duplicates">Trades skipped because their id was already applied (a replayed or backfilled
/// overlap).</param>
/// <param name="OutOfOrder">Trades whose time was earlier than one already applied (counted at the newest
/// time).</param>
/// <param name="Gaps">Holes in the trade ids that were not filled.</param>
/// <param name="MissedTrades">Trades in those holes.</param>
/// <param name="ZonesFound">Absorption zones found.</param>
/// <param name="ZonesBroken">Zones ended by price trading through them.</param>
/// <param name="ZonesExpired">Zones ended by age.</param>
public sealed record FlowCounters(
    long Trades,
    long Duplicates,
    long OutOfOrder,
    long Gaps,
    long MissedTrades,
    long ZonesFound,
    long ZonesBroken,
    long ZonesExpired
);
