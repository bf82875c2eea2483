using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// Feeds the aggTrade stream (frames read by <see cref="TradeFrameReader"/>) into the <see cref="FlowBoard"/> in id
/// order: at a symbol's first trade
/// the warm-up history is fetched by REST; an id jump (a reconnect, dropped messages, a lost frame)
/// is backfilled by REST before the trade after it when the hole is small, and counted otherwise.
/// Whale trades go to the alerts; every applied trade tells the health reporter data flows.
/// </summary>
internal sealed class TradeFeed(
    FlowBoard board,
    TradeBackfill backfill,
    LiveOptions options,
    WhaleAlerts alerts,
    HealthReporter health,
    ILogger logger,
    Action<string, long, TradeSource>? applied = null
)
{
    /// <summary>Warm-up history is capped at this many trades per symbol.</summary>
    private const int MaxWarmupTrades = 100_000;

    private readonly HashSet<string> _unknownSymbols = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="frames"/> until they end or the token is cancelled.</summary>
    public async Task RunAsync(IAsyncEnumerable<TradeFrame> frames, CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken))
        {
            switch (frame.Kind)
            {
                case TradeFrameKind.Trade:
                    await OnTradeAsync(frame.Symbol!, frame.Trade, frame.ReceivedAt, cancellationToken);
                    break;
                case TradeFrameKind.UnknownSymbol:
                    if (_unknownSymbols.Add(frame.Symbol!))
                    {
                        FeedLog.UnknownSymbol(logger, frame.Symbol!);
                    }

                    break;
                case TradeFrameKind.Notice when frame.Notice is ReconnectedMessage reconnected:
                    FeedLog.Reconnected(logger, reconnected.Reason, reconnected.GapStart);
                    break;
                case TradeFrameKind.Notice when frame.Notice is MessagesDroppedMessage dropped:
                    FeedLog.Dropped(logger, dropped.Count);
                    break;
            }
        }
    }

    /// <summary>
    /// A streamed trade of <paramref name="symbol"/> (the board's name): warm-up before the first, a backfill before
    /// one after a hole, then the trade.
    /// </summary>
    private async Task OnTradeAsync(
        string symbol,
        Trade trade,
        DateTimeOffset receivedAt,
        CancellationToken cancellationToken
    )
    {
        var next = board.NextId(symbol);
        if (next is null && options.Warmup > TimeSpan.Zero)
        {
            var tradeTime = DateTimeOffset.FromUnixTimeMilliseconds(trade.TimeMs);
            await WarmUpAsync(symbol, tradeTime - options.Warmup, trade.Id, cancellationToken);
        }
        else if (next is { } expected && trade.Id > expected)
        {
            await BackfillAsync(symbol, expected, trade.Id - 1, cancellationToken);
        }

        Apply(symbol, trade, receivedAt, TradeSource.Stream);
    }

    private async Task WarmUpAsync(
        string symbol,
        DateTimeOffset since,
        long beforeId,
        CancellationToken cancellationToken
    )
    {
        var history = await backfill.HistoryAsync(symbol, since, beforeId, MaxWarmupTrades, cancellationToken);
        if (!history.Ok)
        {
            FeedLog.WarmupFailed(logger, symbol, history.Failure);
            return;
        }

        foreach (var trade in history.Trades)
        {
            Apply(symbol, trade, null, TradeSource.Warmup);
        }

        FeedLog.WarmedUp(logger, symbol, history.Trades.Count, since);
    }

    private async Task BackfillAsync(string symbol, long fromId, long toId, CancellationToken cancellationToken)
    {
        var missing = toId - fromId + 1;
        if (missing > options.MaxBackfillTrades)
        {
            var why =
                $"a hole of {missing} trades (ids {fromId}..{toId}) is above --max-backfill "
                + $"{options.MaxBackfillTrades}: not fetched";
            board.RecordBackfill(symbol, 0, why);
            FeedLog.BackfillSkipped(logger, symbol, why);
            return;
        }

        var fetched = await backfill.RangeAsync(symbol, fromId, toId, cancellationToken);
        if (!fetched.Ok)
        {
            var why = $"ids {fromId}..{toId}: {fetched.Failure}";
            board.RecordBackfill(symbol, 0, why);
            FeedLog.BackfillFailed(logger, symbol, why);
            return;
        }

        foreach (var trade in fetched.Trades)
        {
            Apply(symbol, trade, null, TradeSource.Backfill);
        }

        board.RecordBackfill(
            symbol,
            fetched.Trades.Count,
            fetched.Trades.Count == missing
                ? null
                : $"ids {fromId}..{toId}: the exchange returned {fetched.Trades.Count} of {missing} trades"
        );
        FeedLog.Backfilled(logger, symbol, fetched.Trades.Count, fromId, toId);
    }

    private void Apply(string symbol, in Trade trade, DateTimeOffset? receivedAt, TradeSource source)
    {
        if (board.Apply(symbol, trade, receivedAt) == ApplyOutcome.Duplicate)
        {
            return;
        }

        health.MarketData();
        var notional = trade.Notional;
        var tier = board.Settings.Tiers.Classify(notional);
        if (source != TradeSource.Warmup && tier >= alerts.MinimumTier)
        {
            alerts.Add(
                symbol,
                new WhaleTrade(trade.Id, trade.TimeMs, trade.Price, trade.Quantity, notional, trade.Aggressor, tier)
            );
        }

        applied?.Invoke(symbol, trade.Id, source);
    }
}
