namespace MoneyBot.MarketData.Feeds;

/// <summary>What a <see cref="ClosedKlineFeed"/> has done so far.</summary>
/// <param name="FromStream">Closed klines passed on from the stream.</param>
/// <param name="Backfilled">Closed klines fetched by REST to fill gaps.</param>
/// <param name="Duplicates">Klines ignored because one with the same or a later open time was already passed
/// on.</param>
/// <param name="Holes">Stretches the exchange itself had no klines for, even by REST.</param>
/// <param name="BackfillFailures">REST attempts that failed (each retried).</param>
public sealed record ClosedKlineFeedCounters(
    long FromStream,
    long Backfilled,
    long Duplicates,
    long Holes,
    long BackfillFailures
);
