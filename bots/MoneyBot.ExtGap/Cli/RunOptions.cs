using System.CommandLine;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Units;
using MoneyBot.MarketData;

namespace MoneyBot.ExtGap.Cli;

/// <summary>
/// The options only <c>extgap run</c> has: market and endpoints, files, statistics, staleness, logging.
/// </summary>
internal sealed class RunOptions
{
    public Option<Market?> Market { get; } =
        new("--market")
        {
            Description = "USD-M futures (default) or spot",
            HelpName = "futures|spot",
            CustomParser = r =>
                OptionParsing.Parse<Market?>(
                    r,
                    null,
                    t =>
                        t.ToLowerInvariant() switch
                        {
                            "futures" => MarketData.Market.UsdFutures,
                            "spot" => MarketData.Market.Spot,
                            _ => null,
                        },
                    "futures or spot"
                ),
        };

    public Option<Uri?> RestUrl { get; } =
        Url(
            "--rest-url",
            "REST base URL (default Binance's for the market), e.g. http://127.0.0.1:8090 for the simulator",
            "http"
        );

    public Option<Uri?> WebSocketUrl { get; } =
        Url(
            "--ws-url",
            "Websocket base URL (default Binance's for the market), e.g. ws://127.0.0.1:8090 for the simulator",
            "ws"
        );

    public Option<FileInfo?> GapsOut { get; } =
        new("--gaps-out")
        {
            HelpName = "file",
            Description = "Gaps CSV to append to (default data/extgap-<tf>/<SYMBOL>.gaps.csv)",
        };

    public Option<FileInfo?> TradesOut { get; } =
        new("--trades-out")
        {
            HelpName = "file",
            Description = "Trades CSV to append to (default data/extgap-<tf>/<SYMBOL>.trades.csv)",
        };

    public Option<FileInfo?> State { get; } =
        new("--state")
        {
            HelpName = "file",
            Description =
                "State file, restored at start and saved after each candle (default "
                + "data/extgap-<tf>/<SYMBOL>.state.json)",
        };

    public Option<TimeSpan?> StatsInterval { get; } =
        Duration("--stats-interval", "Statistics message every this long (default 1h; 0: none)", allowZero: true);

    public Option<TimeSpan?> StaleAfter { get; } =
        Duration("--stale-after", "Reconnect when the stream is silent this long (default 10s)", allowZero: false);

    public Option<LogLevel?> LogLevel { get; } =
        new("--log-level")
        {
            Description = "Least level logged to stderr (default info)",
            HelpName = "trace|debug|info|warning|error",
            CustomParser = r =>
                OptionParsing.Parse<LogLevel?>(
                    r,
                    null,
                    t =>
                        t.ToLowerInvariant() switch
                        {
                            "trace" => Microsoft.Extensions.Logging.LogLevel.Trace,
                            "debug" => Microsoft.Extensions.Logging.LogLevel.Debug,
                            "info" or "information" => Microsoft.Extensions.Logging.LogLevel.Information,
                            "warn" or "warning" => Microsoft.Extensions.Logging.LogLevel.Warning,
                            "error" => Microsoft.Extensions.Logging.LogLevel.Error,
                            _ => null,
                        },
                    "trace, debug, info, warning or error"
                ),
        };

    public void AddTo(Command command)
    {
        command.Options.Add(Market);
        command.Options.Add(RestUrl);
        command.Options.Add(WebSocketUrl);
        command.Options.Add(GapsOut);
        command.Options.Add(TradesOut);
        command.Options.Add(State);
        command.Options.Add(StatsInterval);
        command.Options.Add(StaleAfter);
        command.Options.Add(LogLevel);
    }

    /// <summary>Binance's endpoints with the given URLs in place of the market's (both markets get them).</summary>
    public MarketDataEndpoints Endpoints(ParseResult parse)
    {
        var (rest, ws, binance) = (parse.GetValue(RestUrl), parse.GetValue(WebSocketUrl), MarketDataEndpoints.Binance);
        return new MarketDataEndpoints(
            rest ?? binance.SpotRest,
            rest ?? binance.FuturesRest,
            ws ?? binance.SpotWebSocket,
            ws ?? binance.FuturesWebSocket
        );
    }

    private static Option<Uri?> Url(string name, string description, string scheme) =>
        new(name)
        {
            Description = description,
            HelpName = "url",
            CustomParser = r =>
                OptionParsing.Parse<Uri?>(
                    r,
                    null,
                    t =>
                        Uri.TryCreate(t, UriKind.Absolute, out var u)
                        && (u.Scheme == scheme || u.Scheme == scheme + "s")
                        && u.Query.Length == 0
                            ? u
                            : null,
                    $"an absolute {scheme}:// or {scheme}s:// URL without a query"
                ),
        };

    private static Option<TimeSpan?> Duration(string name, string description, bool allowZero) =>
        new(name)
        {
            Description = description,
            HelpName = "duration",
            CustomParser = r =>
                OptionParsing.Parse<TimeSpan?>(
                    r,
                    null,
                    t =>
                        Durations.TryParse(t, out var d) && (d > TimeSpan.Zero || (allowZero && d == TimeSpan.Zero))
                            ? d
                            : null,
                    allowZero ? "a duration like 1h, 30m, or 0" : "a duration above 0 like 10s or 1m"
                ),
        };
}
