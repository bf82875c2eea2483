using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExtGap.State;
using MoneyBot.MarketData;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Bots.Tests.Supervised;

/// <summary>
/// The default system's shape, as processes under the real supervisor: the simulator (with its clock file) and an
/// ext-gap bot. The simulator is dropped and then killed with SIGKILL mid-run; the supervisor restarts it. The bot's
/// files must still equal a replay of the candles the restarted simulator serves: a restart rewrites no past.
/// </summary>
public sealed class SimulatorRestartTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact(Timeout = 120_000)]
    public async Task A_simulator_killed_and_restarted_by_the_supervisor_leaves_the_bot_s_files_equal_to_a_replay()
    {
        using var dir = new TempDirectory();
        var port = FreePort();
        var rest = new Uri($"http://127.0.0.1:{port}/");
        var endpoints = new MarketDataEndpoints(
            rest,
            rest,
            new Uri($"ws://127.0.0.1:{port}/"),
            new Uri($"ws://127.0.0.1:{port}/fapi/")
        );
        var bus = new EventBus();
        var events = bus.SubscribeAsync().GetAsyncEnumerator();
        await using var exchange = SupervisedPrograms.Supervise(ExchangeConfig(dir, rest), dir, bus);
        Assert.Equal(ProgramState.Running, (await exchange.StartAsync()).State);

        // The bot starts from a state made by replaying two candles 30 minutes back: it backfills, then streams.
        var origin = Floor(await MarketTimeAsync(rest)) - TimeSpan.FromMinutes(30);
        var (gapsPath, tradesPath, statePath) = (
            dir.File("out/gaps.csv"),
            dir.File("out/trades.csv"),
            dir.File("out/state.json")
        );
        Directory.CreateDirectory(dir.File("out"));
        ReplayOracle.Replay(
            await ReplayOracle.FetchAsync(endpoints, origin, origin + Minute),
            dir,
            gapsPath,
            tradesPath,
            statePath
        );
        await using var bot = SupervisedPrograms.Supervise(
            BotConfig(dir, endpoints, gapsPath, tradesPath, statePath),
            dir,
            bus
        );
        Assert.Equal(ProgramState.Running, (await bot.StartAsync()).State);
        await UntilAsync(() => LastCandle(statePath) > origin + TimeSpan.FromMinutes(40));

        // Faults: every socket dropped, then the simulator killed outright; the supervisor restarts it.
        using (var http = new HttpClient())
        {
            (await http.PostAsync(new Uri(rest, "sim/faults/drop"), null)).EnsureSuccessStatusCode();
        }

        var killedAt = await MarketTimeAsync(rest);
        using (var simulator = System.Diagnostics.Process.GetProcessById(exchange.Status().Pid!.Value))
        {
            simulator.Kill(); // SIGKILL: no clean shutdown, the clock file as last written each second
        }

        await SupervisedPrograms.NextAsync(events, e => e.Program == "exchange" && e.To == ProgramState.Backoff);
        await SupervisedPrograms.NextAsync(events, e => e.Program == "exchange" && e.To == ProgramState.Running);
        // It goes on from its clock file, written every 200 ms of real time: at most a minute of market time back.
        Assert.True(await MarketTimeAsync(rest) >= killedAt - Minute, "the restarted simulator lost its clock");
        await UntilAsync(() => LastCandle(statePath) > killedAt + TimeSpan.FromMinutes(10));
        await bot.StopAsync();

        // The bot's files equal a replay of the restarted simulator's candles, from the origin to its last candle.
        var last = LastCandle(statePath)!.Value;
        var candles = await ReplayOracle.FetchAsync(endpoints, origin, last);
        var (expectedGaps, expectedTrades) = (dir.File("expected/gaps.csv"), dir.File("expected/trades.csv"));
        ReplayOracle.Replay(candles, dir, expectedGaps, expectedTrades);
        Assert.True(LiveAssert.SameGaps(expectedGaps, gapsPath) >= 5, "too few gaps to compare");
        LiveAssert.SameTrades(expectedTrades, tradesPath);
        await exchange.StopAsync();
    }

    private static ProgramConfig ExchangeConfig(TempDirectory dir, Uri rest) =>
        new()
        {
            Name = "exchange",
            Command = BotExecutables.ExchangeSim,
            Args =
            [
                "--urls",
                rest.ToString().TrimEnd('/'),
                "--speed",
                "300",
                "--symbols",
                Exchange.Symbol,
                "--history",
                "2h",
                "--trade-rate",
                "1",
                "--clock-file",
                dir.File("run/clock"),
            ],
            WorkingDirectory = dir.Path,
            Ready = ReadyMode.Notify,
            ReadyTimeout = TimeSpan.FromSeconds(60),
            Backoff = new MoneyBot.Common.Resilience.BackoffPolicy(
                TimeSpan.Zero,
                1,
                TimeSpan.Zero,
                0,
                TimeSpan.FromMinutes(1)
            ),
            StopTimeout = TimeSpan.FromSeconds(5),
        };

    private static ProgramConfig BotConfig(
        TempDirectory dir,
        MarketDataEndpoints endpoints,
        string gaps,
        string trades,
        string state
    ) =>
        new()
        {
            Name = "extgap-1m",
            Command = BotExecutables.ExtGap,
            Args = SupervisedPrograms.ExtGapRun(endpoints.FuturesRest, endpoints.FuturesWebSocket, gaps, trades, state),
            WorkingDirectory = dir.Path,
            Ready = ReadyMode.Notify,
            ReadyTimeout = TimeSpan.FromSeconds(60),
            StopTimeout = TimeSpan.FromSeconds(10),
        };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static DateTimeOffset Floor(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMinute));

    private static DateTimeOffset? LastCandle(string statePath) =>
        File.Exists(statePath) ? new BotStateStore(statePath).Load()?.LastCandleOpenTime : null;

    private static async Task<DateTimeOffset> MarketTimeAsync(Uri rest)
    {
        using var http = new HttpClient();
        using var time = JsonDocument.Parse(await http.GetStringAsync(new Uri(rest, "api/v3/time")));
        return DateTimeOffset.FromUnixTimeMilliseconds(time.RootElement.GetProperty("serverTime").GetInt64());
    }

    /// <summary>Polls the bot's state file until <paramref name="condition"/> holds, a minute at most.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            await poll.WaitForNextTickAsync(timeout.Token);
        }
    }
}
