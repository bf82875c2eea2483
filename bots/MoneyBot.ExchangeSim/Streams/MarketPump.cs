using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Faults;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// The loop that moves the markets to the clock's time every tick (real time) and publishes what
/// happened: trades and kline closes in time order, then an update of each subscribed kline, then
/// book snapshots (every tick for <c>@100ms</c>, about once a second otherwise). Trades withheld by the
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
    private readonly Dictionary<string, SymbolStreamNames> _names = markets.All.ToDictionary(
        m => m.Symbol,
        m => new SymbolStreamNames(m.Symbol)
    );
    private readonly long _ticksPerSecond = Math.Max(
        1,
        (long)Math.Round(TimeSpan.FromSeconds(1) / options.TickInterval)
    );
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
                StepMarket(market, _names[market.Symbol], now);
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

    private void StepMarket(SymbolMarket market, SymbolStreamNames streams, long now)
    {
        _events.Clear();
        market.AdvanceTo(now, _events);
        foreach (var e in _events)
        {
            switch (e)
            {
                case TradeEvent trade:
                    if (!skips.TrySkip(market.Symbol) && broadcaster.HasSubscribers(streams.AggTrade))
                    {
                        broadcaster.Publish(streams.AggTrade, StreamPayloads.AggTrade(market.Symbol, trade.Trade));
                    }

                    break;
                case KlineEvent kline when broadcaster.HasSubscribers(streams.Kline(kline.Interval)):
                    broadcaster.Publish(
                        streams.Kline(kline.Interval),
                        StreamPayloads.Kline(
                            market.Symbol,
                            kline.Interval,
                            kline.Candle,
                            kline.IsClosed,
                            kline.EventTime
                        )
                    );
                    break;
            }
        }

        for (var i = 0; i < CandleInterval.All.Count; i++)
        {
            if (broadcaster.HasSubscribers(streams.Klines[i]))
            {
                var interval = CandleInterval.All[i];
                var candle = market.GetCurrentCandle(interval);
                broadcaster.Publish(
                    streams.Klines[i],
                    StreamPayloads.Kline(market.Symbol, interval, candle, isClosed: false, now)
                );
            }
        }

        OrderBookSnapshot? book = null;
        foreach (var (name, levels, fast) in streams.Depths)
        {
            if ((fast || _ticks % _ticksPerSecond == 0) && broadcaster.HasSubscribers(name))
            {
                book ??= market.GetOrderBook(20);
                broadcaster.Publish(name, StreamPayloads.Depth(book, levels));
            }
        }
    }
}
