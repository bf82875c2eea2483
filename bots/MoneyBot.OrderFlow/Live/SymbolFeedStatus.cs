namespace MoneyBot.OrderFlow.Live;

/// <summary>How the trades of one symbol arrive: the honest part of the status (spec section 5).</summary>
/// <param name="Symbol">Symbol, upper case.</param>
/// <param name="LastTradeMs">Exchange time of the newest trade; null before the first.</param>
/// <param name="LastTradeReceivedAt">Local time it arrived; null before the first.</param>
/// <param name="FeedLag">Local arrival minus exchange time of the newest streamed trade (clock skew included); null
/// before the first.</param>
/// <param name="Stale">No trade for longer than the staleness timeout (or none yet): metrics age with the wall clock
/// and conditions answer unknown.</param>
/// <param name="NowMs">The moment the metrics are taken at: the newest trade time, advanced by the wall clock while
/// stale.</param>
/// <param name="CoveredFromMs">The trades are complete from this exchange time on; null before the first.</param>
/// <param name="Backfills">Id holes filled by REST.</param>
/// <param name="BackfilledTrades">Trades fetched by those backfills.</param>
/// <param name="BackfillFailures">Holes that could not be filled (too large, or REST failed): counted as missed
/// trades.</param>
/// <param name="LastBackfillError">Why the last hole was not filled.</param>
public sealed record SymbolFeedStatus(
    string Symbol,
    long? LastTradeMs,
    DateTimeOffset? LastTradeReceivedAt,
    TimeSpan? FeedLag,
    bool Stale,
    long NowMs,
    long? CoveredFromMs,
    long Backfills,
    long BackfilledTrades,
    long BackfillFailures,
    string? LastBackfillError
);
