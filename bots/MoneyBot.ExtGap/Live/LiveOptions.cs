using MoneyBot.Common.Bots;
using MoneyBot.Common.Resilience;
using MoneyBot.Common.Telegram;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Trading;
using MoneyBot.MarketData;

namespace MoneyBot.ExtGap.Live;

/// <summary>
/// What <c>extgap run</c> runs: market, files, trading, messages and health. Immutable; <see cref="Validate"/> once.
/// </summary>
public sealed record LiveOptions
{
    /// <summary>
    /// Default seconds without a stream message before the connection counts as dead (kline streams push every 0.25-2
    /// s).
    /// </summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(10);

    /// <summary>Default period of the statistics message.</summary>
    public static readonly TimeSpan DefaultStatisticsInterval = TimeSpan.FromHours(1);

    /// <summary>The symbol, e.g. BTCUSDT.</summary>
    public required string Symbol { get; init; }

    /// <summary>The kline interval.</summary>
    public required Timeframe Timeframe { get; init; }

    /// <summary>USD-M futures (default) or spot.</summary>
    public Market Market { get; init; } = Market.UsdFutures;

    /// <summary>REST and websocket base URLs; Binance's by default, the simulator's offline.</summary>
    public MarketDataEndpoints Endpoints { get; init; } = MarketDataEndpoints.Binance;

    /// <summary>The gaps CSV (appended to; created with its header).</summary>
    public required string GapsPath { get; init; }

    /// <summary>The trades CSV (appended to; created with its header).</summary>
    public required string TradesPath { get; init; }

    /// <summary>The state file: restored at start, saved after each candle.</summary>
    public required string StatePath { get; init; }

    /// <summary>How reversals are traded.</summary>
    public TradingSettings Trading { get; init; } = TradingSettings.Default;

    /// <summary>Period of the statistics message; zero: none.</summary>
    public TimeSpan StatisticsInterval { get; init; } = DefaultStatisticsInterval;

    /// <summary>Language of the Telegram messages.</summary>
    public MessageLanguage Language { get; init; } = MessageLanguage.English;

    /// <summary>Where messages go; off unless given.</summary>
    public BotTelegramSettings Telegram { get; init; } = BotTelegramSettings.Off("no Telegram settings were given");

    /// <summary>Queueing and pacing of the Telegram messages.</summary>
    public TelegramOutboxOptions Outbox { get; init; } =
        TelegramOutboxOptions.Default with
        {
            StopTimeout = TimeSpan.FromSeconds(1),
            // Signals are kept through a Telegram outage, up to their max age: no operator reply waits behind them.
            RetryBudget = TelegramOutboxOptions.Default.MaxAge,
        };

    /// <summary>The supervisor's notify socket (NOTIFY_SOCKET); null: no health reports.</summary>
    public string? NotifySocket { get; init; }

    /// <summary>The supervisor's watchdog timeout (WATCHDOG_USEC); WATCHDOG=1 goes out three times as often.</summary>
    public TimeSpan? WatchdogTimeout { get; init; }

    /// <summary>WATCHDOG_PID, if set: when it names another process the watchdog is not ours (no WATCHDOG=1).</summary>
    public string? WatchdogPid { get; init; }

    /// <summary>No stream message for this long: reconnect, and stop sending WATCHDOG=1.</summary>
    public TimeSpan StaleAfter { get; init; } = DefaultStaleAfter;

    /// <summary>Delays between reconnections and between failed backfills.</summary>
    public BackoffPolicy Reconnect { get; init; } = BackoffPolicy.Default;

    /// <summary>
    /// How often to check that the supervisor (the parent process) still lives; null: do not watch it.
    /// </summary>
    public TimeSpan? ParentCheckInterval { get; init; }

    /// <summary>Longest wait, on shutdown, for the stop message to be delivered.</summary>
    public TimeSpan StopMessageTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The default folder of a timeframe's files: <c>data/extgap-3m</c>.</summary>
    public static string DefaultDirectory(Timeframe timeframe) => Path.Combine("data", $"extgap-{timeframe.Name}");

    /// <summary>Returns this instance, or throws an <see cref="ArgumentException"/> saying what to fix.</summary>
    public LiveOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Symbol);
        if (Timeframe.Name is null)
        {
            throw new ArgumentException("Give a timeframe (Timeframe.Parse(\"3m\")).", nameof(Timeframe));
        }

        Trading.Validate();
        Endpoints.Validate();
        Outbox.Validate();
        ArgumentNullException.ThrowIfNull(Telegram);
        ArgumentNullException.ThrowIfNull(Reconnect);
        string[] paths = [Full(GapsPath, "gaps file"), Full(TradesPath, "trades file"), Full(StatePath, "state file")];
        if (paths.Distinct(StringComparer.Ordinal).Count() != paths.Length)
        {
            throw new ArgumentException("The gaps, trades and state files must be different files.");
        }

        Check(
            StatisticsInterval >= TimeSpan.Zero,
            $"The statistics interval must not be negative (got {StatisticsInterval}); 0 turns it off."
        );
        Check(StaleAfter > TimeSpan.Zero, $"The staleness timeout must be positive (got {StaleAfter}).");
        Check(
            WatchdogTimeout is null || WatchdogTimeout > TimeSpan.Zero,
            $"The watchdog timeout must be positive (got {WatchdogTimeout})."
        );
        Check(
            ParentCheckInterval is null || ParentCheckInterval > TimeSpan.Zero,
            $"The parent check interval must be positive (got {ParentCheckInterval})."
        );
        Check(
            StopMessageTimeout >= TimeSpan.Zero,
            $"The stop message timeout must not be negative (got {StopMessageTimeout})."
        );
        return this;
    }

    private static string Full(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, what);
        return Path.GetFullPath(path);
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
