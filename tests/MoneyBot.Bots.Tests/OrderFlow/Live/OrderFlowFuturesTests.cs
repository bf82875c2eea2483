using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.MarketData;
using MoneyBot.OrderFlow.Cli;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.Bots.Tests.OrderFlow.Live;

/// <summary>
/// The order-flow bot with <c>--market futures</c> on the simulator's futures paths: aggTrades without <c>M</c> and
/// the book as <c>depthUpdate</c> events.
/// </summary>
public sealed class OrderFlowFuturesTests
{
    [Fact(Timeout = 90_000)]
    public async Task A_futures_bot_reads_the_fapi_trades_and_book_in_their_futures_forms()
    {
        // Arrange: the spot websocket base leads nowhere, so only /fapi can serve.
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        await using var rig = await OrderFlowRig.StartAsync(
            OrderFlowRig.OptionsFor(exchange) with
            {
                Market = Market.UsdFutures,
                Endpoints = new MarketDataEndpoints(
                    exchange.BaseUrl,
                    exchange.BaseUrl,
                    new Uri("ws://127.0.0.1:1/"),
                    exchange.FuturesWebSocketUrl
                ),
            }
        );

        // Act: trades stream in, each one a chance to see the book that arrived meanwhile.
        await rig.WaitForStreamedTradesAsync(100);
        await rig.Trades.WaitUntilAsync(
            _ => rig.Bot.Board.Read(Exchange.Symbol, (f, _) => f.Book) is not null,
            TimeSpan.FromSeconds(30)
        );
        var exit = await rig.StopAsync();

        // Assert: every id once and in order, none malformed, a book from the futures depth stream.
        Assert.Equal(ExitCodes.Success, exit);
        var ids = rig.Trades.Items.Select(t => t.TradeId).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids);
        Assert.Contains(rig.Trades.Items, t => t.Source == TradeSource.Stream);
        var (book, counters) = rig.Bot.Board.Read(Exchange.Symbol, (f, _) => (f.Book!, f.Counters));
        Assert.Equal((0L, 0L), (counters.Gaps, counters.MissedTrades));
        Assert.Equal(rig.Bot.Board.Settings.BookLevels, book.Levels);
        Assert.True(book.UpdatedMs > 0 && book.BidQuantity > 0 && book.AskQuantity > 0);
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("malformed", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rig.Log.Lines, l => l.Contains("/fapi/", StringComparison.Ordinal));
    }
}
