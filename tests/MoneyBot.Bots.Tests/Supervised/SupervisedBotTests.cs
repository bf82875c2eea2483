using MoneyBot.Bots.Tests.ExtGap;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Bots.Tests.Supervised;

/// <summary>The real ext-gap bot under the real supervisor, fed by the simulated exchange.</summary>
public sealed class SupervisedBotTests
{
    [Fact(Timeout = 90_000)]
    public async Task A_bot_whose_stream_stalls_stops_sending_watchdog_and_the_supervisor_restarts_it()
    {
        await using var exchange = await Exchange.StartAsync(speed: 60);
        using var dir = new TempDirectory();
        var bus = new EventBus();
        var config = new ProgramConfig
        {
            Name = "extgap-1m",
            Command = BotExecutables.ExtGap,
            Args = SupervisedPrograms.ExtGapRun(
                exchange.BaseUrl,
                exchange.FuturesWebSocketUrl,
                dir.File("out/gaps.csv"),
                dir.File("out/trades.csv"),
                dir.File("out/state.json"),
                "--stale-after",
                "1s"
            ),
            WorkingDirectory = dir.Path,
            Ready = ReadyMode.Notify,
            ReadyTimeout = TimeSpan.FromSeconds(30),
            Watchdog = TimeSpan.FromSeconds(3),
            Backoff = new MoneyBot.Common.Resilience.BackoffPolicy(
                TimeSpan.Zero,
                1,
                TimeSpan.Zero,
                0,
                TimeSpan.FromMinutes(1)
            ),
            StopTimeout = TimeSpan.FromSeconds(5),
        };
        var events = bus.SubscribeAsync().GetAsyncEnumerator();
        await using var program = SupervisedPrograms.Supervise(config, dir, bus);

        var running = await program.StartAsync();
        Assert.Equal(ProgramState.Running, running.State); // READY=1 once market data flowed
        exchange.Stall(TimeSpan.FromSeconds(60));
        var restart = await SupervisedPrograms.NextAsync(events, e => e.To == ProgramState.Backoff);

        Assert.StartsWith("watchdog timeout", restart.Reason, StringComparison.Ordinal);
        await program.StopAsync();
    }
}
