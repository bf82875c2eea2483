using MoneyBot.MarketData;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Dashboard.Catalog;

/// <summary>An ext-gap bot of the configuration: what it trades and where its files are (absolute paths).</summary>
internal sealed record ExtGapBot(
    string Program,
    string Symbol,
    string Timeframe,
    Market Market,
    Uri RestUrl,
    string GapsPath,
    string TradesPath,
    string StatePath
);

/// <summary>An order-flow bot of the configuration: its API and the symbols it follows.</summary>
internal sealed record OrderFlowBot(
    string Program,
    Uri ApiUrl,
    IReadOnlyList<string> Symbols,
    Market Market,
    Uri RestUrl
);

/// <summary>
/// What the dashboard shows, found in the supervisor's configuration: every program, the control socket, and the
/// bots recognised by their command line (<see cref="ProgramArgs"/>) with the same defaults the bots apply.
/// Adding a bot to the YAML file adds it to the dashboard.
/// </summary>
internal sealed record BotCatalog(
    string ConfigPath,
    string SocketPath,
    IReadOnlyList<string> Programs,
    IReadOnlyList<ExtGapBot> ExtGap,
    IReadOnlyList<OrderFlowBot> OrderFlow
)
{
    public static BotCatalog From(SupervisorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var extGap = new List<ExtGapBot>();
        var orderFlow = new List<OrderFlowBot>();
        foreach (var program in config.Programs)
        {
            if (ProgramArgs.Of(program.Command, program.Args) is not { } args)
            {
                continue;
            }

            var market = args.Value("--market")?.ToLowerInvariant() switch
            {
                "spot" => Market.Spot,
                "futures" => Market.UsdFutures,
                _ => args.Kind == "extgap" ? Market.UsdFutures : Market.Spot,
            };
            var rest = Url(args.Value("--rest-url")) ?? MarketDataEndpoints.Binance.RestBase(market);
            if (args.Kind == "extgap")
            {
                var symbol = (args.Value("--symbol") ?? "BTCUSDT").ToUpperInvariant();
                var timeframe = args.Value("--timeframe") ?? "1m";
                string FileOf(string option, string suffix) =>
                    Path.GetFullPath(
                        args.Value(option) ?? Path.Combine("data", $"extgap-{timeframe}", $"{symbol}.{suffix}"),
                        program.WorkingDirectory
                    );
                extGap.Add(
                    new ExtGapBot(
                        program.Name,
                        symbol,
                        timeframe,
                        market,
                        rest,
                        FileOf("--gaps-out", "gaps.csv"),
                        FileOf("--trades-out", "trades.csv"),
                        FileOf("--state", "state.json")
                    )
                );
            }
            else
            {
                var symbols = (args.Value("--symbols") ?? "BTCUSDT")
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => s.ToUpperInvariant())
                    .ToList();
                var api = Url(args.Value("--http")) ?? new Uri("http://127.0.0.1:8091");
                orderFlow.Add(new OrderFlowBot(program.Name, api, symbols, market, rest));
            }
        }

        return new BotCatalog(
            config.SourcePath,
            config.Daemon.SocketPath,
            [.. config.Programs.Select(p => p.Name)],
            extGap,
            orderFlow
        );
    }

    /// <summary>The ext-gap bot run by <paramref name="program"/>, or null.</summary>
    public ExtGapBot? FindExtGap(string program) => ExtGap.FirstOrDefault(b => b.Program == program);

    /// <summary>The order-flow bot that follows <paramref name="symbol"/> (any case), or null.</summary>
    public (OrderFlowBot Bot, string Symbol)? FindSymbol(string symbol)
    {
        var upper = symbol.ToUpperInvariant();
        return OrderFlow.FirstOrDefault(b => b.Symbols.Contains(upper)) is { } bot ? (bot, upper) : null;
    }

    private static Uri? Url(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
