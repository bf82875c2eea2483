using Microsoft.Extensions.Logging;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Live;
using MoneyBot.ExtGap.State;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// A <see cref="LiveBot"/> running in the test process against the simulated exchange, with its log and the candles it
/// processed.
/// </summary>
internal sealed class LiveRig : IAsyncDisposable
{
    public static readonly Timeframe OneMinute = Timeframe.Parse("1m");

    private readonly ILoggerFactory _loggers;

    private LiveRig(LiveOptions options, int? stopAfter)
    {
        Options = options;
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(Log.Provider));
        Bot = new LiveBot(options, _loggers);
        Bot.Progressed += (_, progress) =>
        {
            Candles.Add(progress.LastCandle!.Value);
            if (progress.Candles == stopAfter)
            {
                Bot.RequestStop("test: stop mid-way");
            }
        };
        Run = Bot.RunAsync();
    }

    public LiveOptions Options { get; }

    public LiveBot Bot { get; }

    public CapturingLogger Log { get; } = new();

    /// <summary>Every candle processed, in order.</summary>
    public Collector<Candle> Candles { get; } = Collector.Manual<Candle>();

    /// <summary>The bot's run (its exit code).</summary>
    public Task<int> Run { get; }

    /// <summary>
    /// Options for the simulated exchange, files in <paramref name="dir"/>, no statistics, fast reconnects.
    /// </summary>
    public static LiveOptions OptionsFor(SimulatedExchangeHost exchange, TempDirectory dir) =>
        new()
        {
            Symbol = Exchange.Symbol,
            Timeframe = OneMinute,
            Endpoints = exchange.Endpoints(),
            GapsPath = dir.File("out/gaps.csv"),
            TradesPath = dir.File("out/trades.csv"),
            StatePath = dir.File("out/state.json"),
            StatisticsInterval = TimeSpan.Zero,
            StaleAfter = TimeSpan.FromSeconds(5),
            Reconnect = Exchange.FastBackoff,
        };

    /// <summary>
    /// Starts the bot; with <paramref name="stopAfter"/>, it is asked to stop right after that many candles.
    /// </summary>
    public static LiveRig Start(LiveOptions options, int? stopAfter = null) => new(options, stopAfter);

    /// <summary>Waits until the bot has processed a candle that opened after <paramref name="time"/>.</summary>
    public Task<IReadOnlyList<Candle>> WaitForCandleAfterAsync(DateTimeOffset time, TimeSpan? timeout = null) =>
        Candles.WaitUntilAsync(list => list.Count > 0 && list[^1].OpenTime > time, timeout);

    /// <summary>Asks the bot to stop and returns its exit code (bounded).</summary>
    public async Task<int> StopAsync(string reason = "test: stop")
    {
        Bot.RequestStop(reason);
        return await Run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The saved state.</summary>
    public BotState? SavedState() => new BotStateStore(Options.StatePath).Load();

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Candles.DisposeAsync();
        _loggers.Dispose();
    }
}
