namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The top of the simulated order book, best prices first, as Binance's partial depth stream sends it.
/// </summary>
/// <param name="FirstUpdateId">
/// The first book update the snapshot takes in: one more than the previous snapshot's <paramref name="LastUpdateId"/>.
/// </param>
/// <param name="LastUpdateId">Increases with every snapshot.</param>
/// <param name="Bids">Bids, highest first; the best bid is just below the last trade price or at it.</param>
/// <param name="Asks">Asks, lowest first; the best ask is one tick above the best bid.</param>
public sealed record OrderBookSnapshot(
    long FirstUpdateId,
    long LastUpdateId,
    IReadOnlyList<BookLevel> Bids,
    IReadOnlyList<BookLevel> Asks
);
