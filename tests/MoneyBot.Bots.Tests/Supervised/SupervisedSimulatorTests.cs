using System.Globalization;
using System.Text.Json;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExtGap.State;
using MoneyBot.MarketData;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Bots.Tests.Supervised;

/// <summary>
/// The default system's shape, as processes under the real supervisor: the simulator and an ext-gap bot that starts
/// from a state 30 minutes back (it backfills, then streams). Whatever happens to the simulator, the bot's files
/// must equal a replay of the candles the simulator serves at the end.
/// </summary>
public sealed class SupervisedSimulatorTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _dir = new();
    private readonly EventBus _bus = new();
    private readonly Uri _rest;
    private readonly MarketDataEndpoints _endpoints;

    public SupervisedSimulatorTests()
    {
        var port = LoopbackPort.Free();
        _rest = new Uri($"http://127.0.0.1:{port}/");
        _endpoints = new MarketDataEndpoints(
            _rest,
            _rest,
            new Uri($"ws://127.0.0.1:{port}/"),
            new Uri($"ws://127.0.0.1:{port}/fapi/")
        );
    }

    private string GapsPath => _dir.File("out/gaps.csv");

    private string TradesPath => _dir.File("out/trades.csv");

    private string StatePath => _dir.File("out/state.json");

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task A_simulator_killed_and_restarted_by_the_supervisor_leaves_the_bot_s_files_equal_to_a_replay()
    {
        var events = _bus.SubscribeAsync().GetAsyncEnumerator();
        await using var exchange = await StartExchangeAsync(
            "--symbols",
            Exchange.Symbol,
            "--history",
            "2h",
            "--trade-rate",
            "1",
            "--clock-file",
            _dir.File("run/clock")
        );
        var (bot, origin) = await StartBotAsync();
        await using var _ = bot;
        await UntilAsync(() => LastCandle() > origin + TimeSpan.FromMinutes(40));

        // Faults: every socket dropped, then the simulator killed outright; the supervisor restarts it.
        using (var http = new HttpClient())
        {
            (await http.PostAsync(new Uri(_rest, "sim/faults/drop"), null)).EnsureSuccessStatusCode();
        }

        var killedAt = await MarketTimeAsync();
        using (var simulator = System.Diagnostics.Process.GetProcessById(exchange.Status().Pid!.Value))
        {
            simulator.Kill(); // SIGKILL: no clean shutdown; the clock file as last written (every 200 ms)
        }

        await SupervisedPrograms.NextAsync(events, e => e.Program == "exchange" && e.To == ProgramState.Backoff);
        await SupervisedPrograms.NextAsync(events, e => e.Program == "exchange" && e.To == ProgramState.Running);
        // It goes on from its clock file, written every 200 ms of real time: at most a minute of market time back.
        Assert.True(await MarketTimeAsync() >= killedAt - Minute, "the restarted simulator lost its clock");
        await UntilAsync(() => LastCandle() > killedAt + TimeSpan.FromMinutes(10));
        await bot.StopAsync();

        await AssertFilesEqualReplayAsync(origin, minimumGaps: 5);
        await exchange.StopAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task A_recorded_day_served_by_the_simulator_process_is_what_the_bot_writes()
    {
        // Two hours recorded in Binance's aggTrades dump format; the market starts 40 minutes into them.
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var recorded = new SymbolMarket(Instrument.For(Exchange.Symbol), 11, 1, start, TimeSpan.FromDays(1));
        recorded.AdvanceTo(start + (2 * 3_600_000));
        var tape = _dir.File($"{Exchange.Symbol}-aggTrades-2024-03-01.csv");
        var rows = new List<string>
        {
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
        };
        for (var hour = 0L; hour < 2; hour++)
        {
            rows.AddRange(
                recorded
                    .GetAggTrades(null, start + (hour * 3_600_000), start + ((hour + 1) * 3_600_000) - 1, 100_000)
                    .Select(t =>
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"{t.Id},{t.Price},{t.Quantity},{t.FirstTradeId},{t.LastTradeId},{t.Time},{t.IsBuyerMaker}"
                        )
                    )
            );
        }

        await File.WriteAllLinesAsync(tape, rows);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var exchange = await StartExchangeAsync("--tape", tape, "--history", "40m");
        var now = (await MarketTimeAsync()).ToUnixTimeMilliseconds();
        // Started 40 minutes into the recording; since then the market ran at 300x for at most the real time waited
        // (a loaded machine makes that seconds, minutes of market: a fixed bound was flaky in CI).
        var ran = clock.ElapsedMilliseconds * 300;
        Assert.InRange(now, start + (40 * 60_000), start + (40 * 60_000) + ran);

        var (bot, origin) = await StartBotAsync();
        await using var _ = bot;
        await UntilAsync(() => LastCandle() > origin + TimeSpan.FromMinutes(60));
        await bot.StopAsync();

        var served = await AssertFilesEqualReplayAsync(origin, minimumGaps: 1);
        Assert.Equal(
            recorded
                .GetKlines(CandleInterval.Parse("1m"), origin.ToUnixTimeMilliseconds(), null, served.Count)
                .Select(c => (c.Open, c.High, c.Low, c.Close)),
            served.Select(c => (c.Open, c.High, c.Low, c.Close))
        );
        await exchange.StopAsync();
    }

    private async Task<ProgramSupervisor> StartExchangeAsync(params string[] args)
    {
        var exchange = SupervisedPrograms.Supervise(
            new ProgramConfig
            {
                Name = "exchange",
                Command = BotExecutables.ExchangeSim,
                Args = ["--urls", _rest.ToString().TrimEnd('/'), "--speed", "300", .. args],
                WorkingDirectory = _dir.Path,
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
            },
            _dir,
            _bus
        );
        Assert.Equal(ProgramState.Running, (await exchange.StartAsync()).State);
        return exchange;
    }

    /// <summary>Starts the bot from a state made by replaying two candles 30 minutes back.</summary>
    private async Task<(ProgramSupervisor Bot, DateTimeOffset Origin)> StartBotAsync()
    {
        var origin = Floor(await MarketTimeAsync()) - TimeSpan.FromMinutes(30);
        Directory.CreateDirectory(_dir.File("out"));
        ReplayOracle.Replay(
            await ReplayOracle.FetchAsync(_endpoints, origin, origin + Minute),
            _dir,
            GapsPath,
            TradesPath,
            StatePath
        );
        var bot = SupervisedPrograms.Supervise(
            new ProgramConfig
            {
                Name = "extgap-1m",
                Command = BotExecutables.ExtGap,
                Args = SupervisedPrograms.ExtGapRun(
                    _endpoints.FuturesRest,
                    _endpoints.FuturesWebSocket,
                    GapsPath,
                    TradesPath,
                    StatePath
                ),
                WorkingDirectory = _dir.Path,
                Ready = ReadyMode.Notify,
                ReadyTimeout = TimeSpan.FromSeconds(60),
                StopTimeout = TimeSpan.FromSeconds(10),
            },
            _dir,
            _bus
        );
        Assert.Equal(ProgramState.Running, (await bot.StartAsync()).State);
        return (bot, origin);
    }

    /// <summary>
    /// The bot's files equal a replay of the simulator's candles from the origin to the bot's last candle; returns
    /// those candles.
    /// </summary>
    private async Task<IReadOnlyList<MoneyBot.ExtGap.Detection.Candle>> AssertFilesEqualReplayAsync(
        DateTimeOffset origin,
        int minimumGaps
    )
    {
        var candles = await ReplayOracle.FetchAsync(_endpoints, origin, LastCandle()!.Value);
        var (expectedGaps, expectedTrades) = (_dir.File("expected/gaps.csv"), _dir.File("expected/trades.csv"));
        ReplayOracle.Replay(candles, _dir, expectedGaps, expectedTrades);
        Assert.True(LiveAssert.SameGaps(expectedGaps, GapsPath) >= minimumGaps, "too few gaps to compare");
        LiveAssert.SameTrades(expectedTrades, TradesPath);
        return candles;
    }

    private static DateTimeOffset Floor(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMinute));

    private DateTimeOffset? LastCandle() =>
        File.Exists(StatePath) ? new BotStateStore(StatePath).Load()?.LastCandleOpenTime : null;

    private async Task<DateTimeOffset> MarketTimeAsync()
    {
        using var http = new HttpClient();
        using var time = JsonDocument.Parse(await http.GetStringAsync(new Uri(_rest, "api/v3/time")));
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
