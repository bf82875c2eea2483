using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.MarketData;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Live;

namespace MoneyBot.OrderFlow.Cli;

/// <summary>
/// <c>orderflow run</c>: the live bot. Telegram (whale alerts) comes from TELEGRAM_BOT_TOKEN,
/// TELEGRAM_CHAT_IDS and TELEGRAM_API_URL; the notify protocol from NOTIFY_SOCKET and WATCHDOG_USEC
/// (supervised, the bot also exits when its supervisor dies). SIGTERM or SIGINT stops it with exit code 0.
/// </summary>
internal static class RunVerb
{
    public static Command Create(TextWriter error, Termination termination, Func<string, string?> environment)
    {
        var flow = new FlowOptions();
        var symbols = new Option<string>("--symbols")
        {
            Description = "Symbols, comma separated (default BTCUSDT)",
            HelpName = "A,B",
        };
        var market = OptionFactory.Create<Market>(
            "--market",
            "Spot (default) or USD-M futures",
            "spot|futures",
            t =>
                t.ToLowerInvariant() switch
                {
                    "spot" => Market.Spot,
                    "futures" => Market.UsdFutures,
                    _ => null,
                },
            "spot or futures"
        );
        var restUrl = OptionFactory.Create<UrlValue>(
            "--rest-url",
            "REST base URL (default Binance's for the market), e.g. http://127.0.0.1:8090 for the simulator",
            "url",
            t => UrlValue.Parse(t, "http"),
            "an absolute http(s):// URL without a query"
        );
        var wsUrl = OptionFactory.Create<UrlValue>(
            "--ws-url",
            "Websocket base URL (default Binance's for the market), e.g. ws://127.0.0.1:8090 for the simulator",
            "url",
            t => UrlValue.Parse(t, "ws"),
            "an absolute ws(s):// URL without a query"
        );
        var api = OptionFactory.Create<UrlValue>(
            "--http",
            "Where the read-only HTTP API listens, on loopback (default http://127.0.0.1:8091)",
            "url",
            t => UrlValue.Parse(t, "http"),
            "an http:// URL on loopback like http://127.0.0.1:8091"
        );
        var staleAfter = OptionFactory.Duration(
            "--stale-after",
            "No trade on a symbol for this long: stale, conditions unknown, stream reconnected (default 30s)"
        );
        var warmup = OptionFactory.Create<TimeSpan>(
            "--warmup",
            "History fetched by REST at start so the windows are full at once (default 5m; 0: none)",
            "duration",
            t => Common.Units.Durations.TryParse(t, out var d) && d >= TimeSpan.Zero ? d : null,
            "a duration like 5m, or 0"
        );
        var maxBackfill = OptionFactory.Create<int>(
            "--max-backfill",
            "Largest id hole fetched by REST, in trades (default 10000)",
            "trades",
            t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            "a whole number"
        );
        var alertTier = OptionFactory.Create<WhaleTier>(
            "--alert-tier",
            "Telegram whale alerts at or above this tier (default large)",
            "small|medium|large|whale",
            t => WhaleTiers.TryParseTier(t, out var tier) ? tier : null,
            "small, medium, large or whale"
        );
        var alertBurst = OptionFactory.Duration(
            "--alert-burst",
            "Whale trades within this long of a burst's first go out in one message (default 10s)"
        );
        var logLevel = OptionFactory.Create<LogLevel>(
            "--log-level",
            "Least level logged to stderr (default info)",
            "trace|debug|info|warning|error",
            t =>
                t.ToLowerInvariant() switch
                {
                    "trace" => LogLevel.Trace,
                    "debug" => LogLevel.Debug,
                    "info" or "information" => LogLevel.Information,
                    "warn" or "warning" => LogLevel.Warning,
                    "error" => LogLevel.Error,
                    _ => null,
                },
            "trace, debug, info, warning or error"
        );
        var command = new Command(
            "run",
            "Run the bot live: stream trades and the book, keep the metrics, serve them over HTTP, send whale alerts."
        )
        {
            symbols,
            market,
            restUrl,
            wsUrl,
            api,
            staleAfter,
            warmup,
            maxBackfill,
            alertTier,
            alertBurst,
            logLevel,
        };
        flow.AddTo(command);
        command.SetAction(
            async (p, ct) =>
            {
                LiveOptions options;
                try
                {
                    var (rest, ws, binance) = (
                        p.GetValue(restUrl)?.Url,
                        p.GetValue(wsUrl)?.Url,
                        MarketDataEndpoints.Binance
                    );
                    var supervised = SupervisedEnvironment.Read(environment);
                    options = new LiveOptions
                    {
                        Symbols = (p.GetValue(symbols) ?? "BTCUSDT")
                            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                            .Select(s => s.ToUpperInvariant())
                            .ToList(),
                        Market = p.GetValue(market) ?? Market.Spot,
                        Endpoints = new MarketDataEndpoints(
                            rest ?? binance.SpotRest,
                            rest ?? binance.FuturesRest,
                            ws ?? binance.SpotWebSocket,
                            ws ?? binance.FuturesWebSocket
                        ),
                        ApiUrl = p.GetValue(api)?.Url ?? LiveOptions.DefaultApiUrl,
                        Settings = flow.Settings(p),
                        StaleAfter = p.GetValue(staleAfter) ?? TimeSpan.FromSeconds(30),
                        Warmup = p.GetValue(warmup) ?? TimeSpan.FromMinutes(5),
                        MaxBackfillTrades = p.GetValue(maxBackfill) ?? 10_000,
                        AlertTier = p.GetValue(alertTier) ?? WhaleTier.Large,
                        AlertBurst = p.GetValue(alertBurst) ?? TimeSpan.FromSeconds(10),
                        Telegram = BotTelegramSettings.FromEnvironment(environment),
                        NotifySocket = supervised.NotifySocket,
                        WatchdogTimeout = supervised.WatchdogTimeout,
                        WatchdogPid = supervised.WatchdogPid,
                        ParentCheckInterval = supervised.ParentCheckInterval,
                    }.Validate();
                }
                catch (ArgumentException ex)
                {
                    await error.WriteLineAsync($"orderflow run: {ex.Message}");
                    return ExitCodes.Usage;
                }

                var level = p.GetValue(logLevel) ?? LogLevel.Information;
                // Kestrel's per-request lines would drown the bot's own: only its warnings get through.
                using var loggers = LoggerFactory.Create(b =>
                    b.SetMinimumLevel(level)
                        .AddFilter("Microsoft", LogLevel.Warning)
                        .AddProvider(new StderrLoggerProvider(error, level))
                );
                await using var bot = new OrderFlowBot(options, loggers);
                using var stopping = ct.Register(() => bot.RequestStop(termination.Reason ?? "cancelled"));
                return await bot.RunAsync(CancellationToken.None);
            }
        );
        return command;
    }

    /// <summary>A URL as an option value (a struct, for the option factory).</summary>
    private readonly record struct UrlValue(Uri Url)
    {
        public static UrlValue? Parse(string text, string scheme) =>
            Uri.TryCreate(text, UriKind.Absolute, out var url)
            && (url.Scheme == scheme || url.Scheme == scheme + "s")
            && url.Query.Length == 0
                ? new UrlValue(url)
                : null;
    }
}
