using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>Feeds the top-20 book stream into the <see cref="FlowBoard"/>'s book imbalance.</summary>
internal sealed class BookFeed(FlowBoard board)
{
    /// <summary>Reads <paramref name="messages"/> until they end or the token is cancelled.</summary>
    public async Task RunAsync(IAsyncEnumerable<StreamMessage> messages, CancellationToken cancellationToken)
    {
        await foreach (var message in messages.WithCancellation(cancellationToken))
        {
            if (message is DepthMessage depth && board.Canonical(depth.Symbol) is { } symbol)
            {
                // Spot partial depth carries no event time: the book is as of the symbol's newest trade.
                var updatedMs = depth.EventTime?.ToUnixTimeMilliseconds() ?? board.Status(symbol).NowMs;
                board.ApplyBook(
                    symbol,
                    BookImbalance.From(
                        depth.Book.Bids,
                        depth.Book.Asks,
                        board.Settings.BookLevels,
                        updatedMs,
                        depth.ReceivedAt
                    )
                );
            }
        }
    }
}
