using MoneyBot.Dashboard.Catalog;
using MoneyBot.MarketData;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Dashboard.Tests;

/// <summary>The bots the dashboard finds in a supervisor configuration, with the bots' own defaults.</summary>
public sealed class CatalogTests
{
    private const string Root = "/srv/mb";

    private static BotCatalog Catalog(string programs)
    {
        var yaml = $"supervisor: {{ run_dir: run }}\nprograms:\n{programs}";
        var loaded = new ConfigLoader(new Dictionary<string, string>()).LoadText(yaml, Root + "/config/mb.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return BotCatalog.From(loaded.Config!);
    }

    [Fact]
    public void An_ext_gap_program_is_found_with_its_files_resolved_against_its_working_directory()
    {
        var catalog = Catalog(
            """
              a:
                command: .build/extgap/extgap
                args: [run, --symbol, ethusdt, --timeframe, 15m, --market, spot, --rest-url, "http://127.0.0.1:8090",
                       --gaps-out, data/a/gaps.csv, "--trades-out=data/a/trades.csv", --state, /abs/state.json]
              other:
                command: /bin/sleep
                args: ["100"]
            """
        );

        var bot = Assert.Single(catalog.ExtGap);
        Assert.Equal(
            new ExtGapBot(
                "a",
                "ETHUSDT",
                "15m",
                Market.Spot,
                new Uri("http://127.0.0.1:8090"),
                Path.Combine(Root, "data/a/gaps.csv"),
                Path.Combine(Root, "data/a/trades.csv"),
                "/abs/state.json"
            ),
            bot
        );
        Assert.Empty(catalog.OrderFlow);
        Assert.Equal(["a", "other"], catalog.Programs);
        Assert.Equal(Path.Combine(Root, "run", "moneybot.sock"), catalog.SocketPath);
    }

    [Fact]
    public void The_bots_defaults_apply_when_options_are_left_out_and_the_moneybot_script_form_counts()
    {
        var catalog = Catalog(
            """
              e:
                command: ./moneybot
                args: [extgap, run, --timeframe, 1h]
              f:
                command: ./moneybot
                args: [orderflow, run]
              replay:
                command: ./moneybot
                args: [extgap, replay, --timeframe, 1h]
            """
        );

        var bot = Assert.Single(catalog.ExtGap);
        Assert.Equal(("e", "BTCUSDT", Market.UsdFutures), (bot.Program, bot.Symbol, bot.Market));
        Assert.Equal(new Uri("https://fapi.binance.com"), bot.RestUrl);
        Assert.Equal(Path.Combine(Root, "data/extgap-1h/BTCUSDT.gaps.csv"), bot.GapsPath);
        Assert.Equal(Path.Combine(Root, "data/extgap-1h/BTCUSDT.state.json"), bot.StatePath);
        var flow = Assert.Single(catalog.OrderFlow);
        Assert.Equal(("f", Market.Spot), (flow.Program, flow.Market));
        Assert.Equal(new Uri("http://127.0.0.1:8091"), flow.ApiUrl);
        Assert.Equal(["BTCUSDT"], flow.Symbols);
        Assert.Equal(new Uri("https://api.binance.com"), flow.RestUrl);
        Assert.Equal((flow, "BTCUSDT"), catalog.FindSymbol("btcusdt"));
        Assert.Null(catalog.FindSymbol("ETHUSDT"));
    }

    [Fact]
    public void The_default_configuration_shows_every_bot_it_runs()
    {
        var loaded = ConfigLoader
            .FromProcessEnvironment()
            .Load(Path.Combine(RepositoryLayout.Root, "config/moneybot.yaml"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var catalog = BotCatalog.From(loaded.Config!);

        Assert.Equal(["extgap-3m", "extgap-15m", "extgap-1h"], catalog.ExtGap.Select(b => b.Program));
        Assert.All(catalog.ExtGap, b => Assert.Equal(new Uri("http://127.0.0.1:8090"), b.RestUrl));
        var flow = Assert.Single(catalog.OrderFlow);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], flow.Symbols);
        Assert.Contains("dashboard", catalog.Programs);
        Assert.Equal(["exchange"], loaded.Config!.Find("dashboard")!.DependsOn);
    }
}
