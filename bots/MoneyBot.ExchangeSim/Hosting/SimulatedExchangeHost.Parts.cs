using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Faults;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Streams;

namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>Assembly of the exchange's collaborators.</summary>
public sealed partial class SimulatedExchangeHost
{
    /// <summary>
    /// Builds each symbol's market and generates its history (in parallel) up to the start time,
    /// then starts the clock. The tape begins at the hour boundary at or before start - history
    /// (REST serves only complete candles of longer intervals).
    /// </summary>
    private static async Task<SimulatedMarkets> CreateMarketsAsync(
        SimulatorOptions options,
        CancellationToken cancellationToken
    )
    {
        var now = options.TimeProvider.GetUtcNow();
        var start = options.Start ?? now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute));
        var startMs = start.ToUnixTimeMilliseconds();
        var historyStart = CandleInterval.Parse("1h").OpenTimeOf(startMs - (long)options.History.TotalMilliseconds);
        var markets = options
            .Symbols.Select(symbol => new SymbolMarket(
                Instrument.For(symbol),
                (ulong)options.Seed,
                options.TradesPerSecond,
                historyStart,
                options.TradeRetention
            ))
            .ToList();
        await Task.WhenAll(markets.Select(m => Task.Run(() => m.AdvanceTo(startMs), cancellationToken)));
        return new SimulatedMarkets(markets, new SimulatedClock(options.TimeProvider, start, options.Speed));
    }

    /// <summary>The collaborators shared by the endpoints, the pump and the host.</summary>
    private sealed record Parts(
        MarketProgress Progress,
        FaultState FaultState,
        TradeSkips Skips,
        StreamBroadcaster Broadcaster,
        FaultInjector Faults,
        MarketPump Pump,
        ILogger Logger
    )
    {
        public static Parts Create(SimulatorOptions options, SimulatedMarkets markets, ILoggerFactory loggers)
        {
            var logger = loggers.CreateLogger("MoneyBot.ExchangeSim");
            var progress = new MarketProgress(markets.Clock.Start.ToUnixTimeMilliseconds());
            var faultState = new FaultState(options.TimeProvider);
            var broadcaster = new StreamBroadcaster(
                faultState,
                options.TimeProvider,
                options.SendQueueCapacity,
                logger
            );
            var skips = new TradeSkips(markets.All.Select(m => m.Symbol));
            var faults = new FaultInjector(faultState, skips, broadcaster, logger);
            var pump = new MarketPump(markets, broadcaster, skips, faultState, progress, options, logger);
            return new Parts(progress, faultState, skips, broadcaster, faults, pump, logger);
        }
    }
}
