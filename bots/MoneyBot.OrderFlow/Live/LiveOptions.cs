using MoneyBot.Common.Bots;
using MoneyBot.Common.Resilience;
using MoneyBot.Common.Telegram;
using MoneyBot.MarketData;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>Everything <c>orderflow run</c> needs; validated once.</summary>
public sealed record LiveOptions
{
    /// <summary>Where the HTTP API listens by default.</summary>
    public static readonly Uri DefaultApiUrl = new("http://127.0.0.1:8091");

    /// <summary>Symbols, upper case (BTCUSDT by default).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["BTCUSDT"];

    /// <summary>Spot (default) or USD-M futures.</summary>
    public Market Market { get; init; } = Market.Spot;

    /// <summary>Base URLs (Binance's, or the simulator's).</summary>
    public MarketDataEndpoints Endpoints { get; init; } = MarketDataEndpoints.Binance;

    /// <summary>Loopback URL of the HTTP API.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>How the metrics are computed.</summary>
    public FlowSettings Settings { get; init; } = FlowSettings.Default;

    /// <summary>
    /// No trade for this long on a symbol: stale (conditions unknown, no WATCHDOG=1) and the trade stream reconnects.
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At start, this much history is fetched by REST so the windows are full at once (0: none).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An id hole larger than this is not backfilled (counted as missed, coverage restarts).</summary>
    public int MaxBackfillTrades { get; init; } = 10_000;

    /// <summary>Whale alerts go to Telegram for trades at or above this tier.</summary>
    public WhaleTier AlertTier { get; init; } = WhaleTier.Large;

    /// <summary>Whale trades within this time of the first one of a burst go out in one message.</summary>
    public TimeSpan AlertBurst { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The bot's Telegram bot and chats for the whale alerts.</summary>
    public BotTelegramSettings Telegram { get; init; } = BotTelegramSettings.Off("no Telegram settings were given");

    /// <summary>The Telegram queue's settings.</summary>
    public TelegramOutboxOptions Outbox { get; init; } =
        TelegramOutboxOptions.Default with
        {
            StopTimeout = TimeSpan.FromSeconds(1),
            // Signals are kept through a Telegram outage, up to their max age: no operator reply waits behind them.
            RetryBudget = TelegramOutboxOptions.Default.MaxAge,
        };

    /// <summary>Reconnection delays of the streams and retries of the REST backfill.</summary>
    public BackoffPolicy Reconnect { get; init; } = BackoffPolicy.Default;

    /// <summary>The supervisor's notify socket (NOTIFY_SOCKET); null when not supervised.</summary>
    public string? NotifySocket { get; init; }

    /// <summary>The supervisor's watchdog timeout (WATCHDOG_USEC); null when none.</summary>
    public TimeSpan? WatchdogTimeout { get; init; }

    /// <summary>WATCHDOG_PID, if set: when it names another process the watchdog is not ours (no WATCHDOG=1).</summary>
    public string? WatchdogPid { get; init; }

    /// <summary>How often to check that the supervisor still lives; null: never (not supervised).</summary>
    public TimeSpan? ParentCheckInterval { get; init; }

    /// <summary>How often STATUS= is refreshed.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws an <see cref="ArgumentException"/> that names the first bad value.</summary>
    public LiveOptions Validate()
    {
        FlowSettings.Require(
            Symbols.Count > 0 && Symbols.All(s => !string.IsNullOrWhiteSpace(s) && s.All(char.IsAsciiLetterOrDigit)),
            $"--symbols must list symbols like BTCUSDT,ETHUSDT, not '{string.Join(",", Symbols)}'"
        );
        Endpoints.Validate();
        FlowSettings.Require(
            ApiUrl.IsAbsoluteUri && ApiUrl.Scheme == Uri.UriSchemeHttp && ApiUrl.IsLoopback,
            $"--http must be an http:// URL on loopback (127.0.0.1, [::1] or localhost), not '{ApiUrl}': the API "
                + $"is for processes on this machine"
        );
        Settings.Validate();
        FlowSettings.Require(StaleAfter > TimeSpan.Zero, $"--stale-after must be positive, not {StaleAfter}");
        FlowSettings.Require(
            Warmup >= TimeSpan.Zero && Warmup <= Settings.Retention,
            $"--warmup must be between 0 and the retention ({Settings.Retention}), not {Warmup}"
        );
        FlowSettings.Require(MaxBackfillTrades >= 0, $"--max-backfill must not be negative, not {MaxBackfillTrades}");
        FlowSettings.Require(AlertTier != WhaleTier.None, "--alert-tier must be small, medium, large or whale");
        FlowSettings.Require(AlertBurst > TimeSpan.Zero, $"--alert-burst must be positive, not {AlertBurst}");
        Outbox.Validate();
        return this;
    }
}
