namespace MoneyBot.OrderFlow.Flow;

/// <summary>The order-book imbalance over the top levels of the last depth snapshot.</summary>
/// <param name="BidQuantity">Quantity on the top bid levels.</param>
/// <param name="AskQuantity">Quantity on the top ask levels.</param>
/// <param name="Levels">Levels per side summed (fewer when the book was thinner).</param>
/// <param name="UpdatedMs">Exchange time of the snapshot (its event time, or the newest trade time when it had none),
/// Unix ms.</param>
/// <param name="ReceivedAt">Local time the snapshot arrived; null in a replay.</param>
public sealed record BookImbalance(
    decimal BidQuantity,
    decimal AskQuantity,
    int Levels,
    long UpdatedMs,
    DateTimeOffset? ReceivedAt
)
{
    /// <summary>Bid / ask quantity; null when there is no ask quantity (see <see cref="Normalised"/>).</summary>
    public decimal? Ratio => AskQuantity == 0 ? null : decimal.Round(BidQuantity / AskQuantity, 6);

    /// <summary>(bid - ask) / (bid + ask), from -1 (all asks) to 1 (all bids); null on an empty book.</summary>
    public decimal? Normalised =>
        BidQuantity + AskQuantity == 0
            ? null
            : decimal.Round((BidQuantity - AskQuantity) / (BidQuantity + AskQuantity), 6);

    /// <summary>Sums the top <paramref name="levels"/> of each side.</summary>
    public static BookImbalance From(
        IReadOnlyList<MarketData.Models.PriceLevel> bids,
        IReadOnlyList<MarketData.Models.PriceLevel> asks,
        int levels,
        long updatedMs,
        DateTimeOffset? receivedAt
    )
    {
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        decimal bid = 0,
            ask = 0;
        for (var i = 0; i < Math.Min(levels, bids.Count); i++)
        {
            bid += bids[i].Quantity;
        }

        for (var i = 0; i < Math.Min(levels, asks.Count); i++)
        {
            ask += asks[i].Quantity;
        }

        return new BookImbalance(bid, ask, Math.Min(levels, Math.Min(bids.Count, asks.Count)), updatedMs, receivedAt);
    }
}
