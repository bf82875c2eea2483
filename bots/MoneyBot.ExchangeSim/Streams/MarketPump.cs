using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Faults;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// The loop that moves the markets to the clock's time every tick (real time) and publishes what
/// happened: trades and kline closes in time order, then an update of each subscribed kline, then
/// book snapshots (every tick for <c>@100ms</c>, every half second for <c>@500ms</c>, about once a second
/// otherwise). Each message is written once per market that has subscribers to it. Trades withheld by the
/// skip-trades fault are not published; while the freeze fault lasts no step is made. <see cref="LastStepAt"/>
/// says when the last step ended (the simulator's WATCHDOG=1 pings depend on it).
/// </summary>
internal sealed class MarketPump(
    SimulatedMarkets markets,
    StreamBroadcaster broadcaster,
    TradeSkips skips,
    FaultState faults,
    MarketProgress progress,
    SimulatorOptions options,
    ILogger logger
)
{
    private readonly List<MarketEvent> _events = [];
    private readonly Dictionary<string, SymbolStreams> _streams = markets.All.ToDictionary(
        m => m.Symbol,
        m => new SymbolStreams(m.Instrument)
    );
    private readonly long _ticksPerSecond = TicksPer(TimeSpan.FromSeconds(1), options.TickInterval);
    private readonly long _ticksPerHalfSecond = TicksPer(TimeSpan.FromMilliseconds(500), options.TickInterval);
    private long _ticks;
    private long _lastStepAtMs = long.MinValue;

    /// <summary>When the last step ended (the injected clock's time); null before the first.</summary>
    public DateTimeOffset? LastStepAt =>
        Interlocked.Read(ref _lastStepAtMs) is var ms && ms != long.MinValue
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    /// <summary>Starts the timer now (so a manual clock advanced right after sees it) and returns the loop.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var timer = new PeriodicTimer(options.TickInterval, options.TimeProvider);
        return Task.Run(() => RunAsync(timer, cancellationToken), CancellationToken.None);
    }

    private async Task RunAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!faults.IsFrozen)
                {
                    Step();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One step: advance every market to now and publish.</summary>
    public void Step()
    {
        var now = markets.Clock.NowMs;
        try
        {
            foreach (var market in markets.All)
            {
                StepMarket(market, _streams[market.Symbol], now);
            }

            broadcaster.CloseOlderThan(options.MaxConnectionAge);
        }
        catch (Exception e)
        {
            // A bug in one step must not stop the exchange; it is logged and the next step carries on.
            logger.StepFailed(e);
        }

        _ticks++;
        progress.Report(now);
        Interlocked.Exchange(ref _lastStepAtMs, options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private static long TicksPer(TimeSpan period, TimeSpan tick) => Math.Max(1, (long)Math.Round(period / tick));

    private static bool Has(StreamAudience audience, StreamAudience market) => (audience & market) != 0;

    private void StepMarket(SymbolMarket market, SymbolStreams streams, long now)
    {
        _events.Clear();
        market.AdvanceTo(now, _events);
        foreach (var e in _events)
        {
            switch (e)
            {
                case TradeEvent trade:
                    if (!skips.TrySkip(market.Symbol))
                    {
                        PublishTrade(market.Symbol, streams, trade.Trade);
                    }

                    break;
                case KlineEvent kline:
                    var name = streams.Kline(kline.Interval);
                    PublishKline(
                        market.Symbol,
                        name,
                        broadcaster.AudienceOf(name),
                        streams.FuturesFormat,
                        kline.Interval,
                        kline.Candle,
                        kline.IsClosed,
                        kline.EventTime
                    );
                    break;
            }
        }

        for (var i = 0; i < CandleInterval.All.Count; i++)
        {
            var interval = CandleInterval.All[i];
            if (broadcaster.AudienceOf(streams.Klines[i]) is var audience && audience != StreamAudience.None)
            {
                var candle = market.GetCurrentCandle(interval);
                PublishKline(
                    market.Symbol,
                    streams.Klines[i],
                    audience,
                    streams.FuturesFormat,
                    interval,
                    candle,
                    isClosed: false,
                    now
                );
            }
        }

        OrderBookSnapshot? book = null;
        foreach (var depth in streams.Depths)
        {
            var every = depth.UpdateMs switch
            {
                100 => 1,
                500 => _ticksPerHalfSecond,
                _ => _ticksPerSecond,
            };
            var audience = _ticks % every == 0 ? broadcaster.AudienceOf(depth.Name) : StreamAudience.None;
            if (audience == StreamAudience.None)
            {
                continue;
            }

            book ??= market.GetOrderBook(20);
            byte[]? futures = null;
            if (Has(audience, StreamAudience.UsdFutures))
            {
                // pu continues the stream's previous message; the stream's first continues the previous snapshot.
                var previous = depth.LastFinalUpdateId ?? book.FirstUpdateId - 1;
                futures = StreamPayloads.DepthUpdate(
                    market.Symbol,
                    book,
                    depth.Levels,
                    now,
                    previous,
                    streams.FuturesFormat
                );
                depth.LastFinalUpdateId = book.LastUpdateId;
            }

            broadcaster.Publish(
                depth.Name,
                Has(audience, StreamAudience.Spot) ? StreamPayloads.Depth(book, depth.Levels) : null,
                futures
            );
        }
    }

    private void PublishTrade(string symbol, SymbolStreams streams, AggTrade trade)
    {
        var audience = broadcaster.AudienceOf(streams.AggTrade);
        if (audience == StreamAudience.None)
        {
            return;
        }

        broadcaster.Publish(
            streams.AggTrade,
            Has(audience, StreamAudience.Spot)
                ? StreamPayloads.AggTrade(symbol, trade, WireFormat.Spot, bestMatchField: true)
                : null,
            Has(audience, StreamAudience.UsdFutures)
                ? StreamPayloads.AggTrade(symbol, trade, streams.FuturesFormat, bestMatchField: false)
                : null
        );
    }

    private void PublishKline(
        string symbol,
        string name,
        StreamAudience audience,
        WireFormat futuresFormat,
        CandleInterval interval,
        Candle candle,
        bool isClosed,
        long eventTime
    )
    {
        if (audience == StreamAudience.None)
        {
            return;
        }

        broadcaster.Publish(
            name,
            Has(audience, StreamAudience.Spot)
                ? StreamPayloads.Kline(symbol, interval, candle, isClosed, eventTime, WireFormat.Spot)
                : null,
            Has(audience, StreamAudience.UsdFutures)
                ? StreamPayloads.Kline(symbol, interval, candle, isClosed, eventTime, futuresFormat)
                : null
        );
    }
}
