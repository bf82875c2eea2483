using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Bots.Tests.ExtGap;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Bots.Tests.Supervised;

/// <summary>
/// The real order-flow bot under the real supervisor, fed by the simulated exchange, read by its own query verb.
/// </summary>
public sealed class SupervisedOrderFlowTests
{
    private static string Executable => BotExecutables.OrderFlow;

    [Fact(Timeout = 90_000)]
    public async Task The_supervised_bot_becomes_ready_answers_the_query_verb_and_stops_cleanly()
    {
        // Arrange
        await using var exchange = await Exchange.StartAsync(speed: 60, tradesPerSecond: 3);
        using var dir = new TempDirectory();
        var api = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var bus = new EventBus();
        var config = new ProgramConfig
        {
            Name = "orderflow",
            Command = Executable,
            Args =
            [
                "run",
                "--symbols",
                Exchange.Symbol,
                "--market",
                "spot",
                "--rest-url",
                exchange.BaseUrl.ToString(),
                "--ws-url",
                exchange.WebSocketUrl.ToString(),
                "--http",
                api,
                "--warmup",
                "1m",
            ],
            WorkingDirectory = dir.Path,
            Ready = ReadyMode.Notify,
            ReadyTimeout = TimeSpan.FromSeconds(30),
            Watchdog = TimeSpan.FromSeconds(10),
            StopTimeout = TimeSpan.FromSeconds(10),
        };
        await using var program = new ProgramSupervisor(
            config,
            dir.File("logs"),
            TimeProvider.System,
            NullLogger.Instance,
            bus,
            notifyDirectory: dir.File("run/notify")
        );

        // Act
        var running = await program.StartAsync();
        var (queryExit, queryOutput, _) = await RunAsync("query", "status", "--url", api);
        var (badExit, _, badError) = await RunAsync("query", "metrics", "--symbol", "DOGEUSDT", "--url", api);
        await program.StopAsync();
        var (downExit, _, downError) = await RunAsync("query", "status", "--url", api);

        // Assert
        Assert.Equal(ProgramState.Running, running.State); // READY=1 once trades flowed
        Assert.Equal(0, queryExit);
        using (var json = JsonDocument.Parse(queryOutput))
        {
            Assert.False(json.RootElement.GetProperty("symbols")[0].GetProperty("stale").GetBoolean());
        }

        Assert.Equal(1, badExit);
        Assert.Contains("unknown symbol 'DOGEUSDT'", badError, StringComparison.Ordinal);
        Assert.Equal(1, downExit);
        Assert.Contains("no order-flow bot answers at", downError, StringComparison.Ordinal);
        Assert.Equal(0, program.Status().LastExit?.Code);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var outcome = await ChildCommand.RunAsync(Executable, args, timeout: TimeSpan.FromSeconds(30));
        return (outcome.ExitCode, outcome.Output, outcome.Error);
    }
}
