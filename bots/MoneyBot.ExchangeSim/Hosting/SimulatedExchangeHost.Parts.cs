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
        if (options.TapeFile is { } tape)
        {
            return await CreateRecordedMarketAsync(options, tape, cancellationToken).ConfigureAwait(false);
        }

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

    /// <summary>
    /// The market of a recorded day: it starts at <see cref="SimulatorOptions.Start"/> when that falls within the
    /// recording (a clock file's time, say), else at the first recorded minute plus the history; the history served
    /// never reaches before the recording.
    /// </summary>
    private static async Task<SimulatedMarkets> CreateRecordedMarketAsync(
        SimulatorOptions options,
        string tape,
        CancellationToken cancellationToken
    )
    {
        var instrument = Instrument.For(options.Symbols[0]);
        var recording = await Task.Run(() => RecordedTape.Load(tape, instrument), cancellationToken)
            .ConfigureAwait(false);
        var first = recording.FirstTime - (recording.FirstTime % 60_000);
        var history = (long)options.History.TotalMilliseconds;
        var startMs =
            options.Start?.ToUnixTimeMilliseconds() is { } s && s >= first && s <= recording.LastTime
                ? s
                : Math.Min(first + history, recording.LastTime);
        var market = new SymbolMarket(
            instrument,
            recording,
            (ulong)options.Seed,
            Math.Max(first, startMs - history),
            options.TradeRetention
        );
        await Task.Run(() => market.AdvanceTo(startMs), cancellationToken).ConfigureAwait(false);
        return new SimulatedMarkets(
            [market],
            new SimulatedClock(options.TimeProvider, DateTimeOffset.FromUnixTimeMilliseconds(startMs), options.Speed)
        );
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
