using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Daemon;

/// <summary>
/// A program whose dependency is not RUNNING when it should start waits for it, and starts as soon as the
/// dependency runs, however that comes about; a stop (an operator's, or the daemon's own shutdown) ends the wait.
/// </summary>
public sealed class DependencyRecoveryTests
{
    public enum Recovery
    {
        AfterBackoff,
        AfterFatalRetry,
        AfterOperatorStart,
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Recovery.AfterBackoff)]
    [InlineData(Recovery.AfterFatalRetry)]
    [InlineData(Recovery.AfterOperatorStart)]
    public async Task Dependents_start_when_a_dependency_that_failed_at_up_becomes_running(Recovery recovery)
    {
        var sandbox = new Sandbox(); // the harness disposes it
        var fixedMarker = Path.Combine(sandbox.Root, "exchange-fixed");
        var failing = recovery switch
        {
            Recovery.AfterBackoff => "restart: always\n    backoff: { initial: 1s, factor: 1, max: 1s, jitter: 0 }",
            Recovery.AfterFatalRetry => "restart: always\n    give_up: { restarts: 0, within: 10m, retry_after: 1s }",
            _ => "restart: never",
        };
        await using var h = await DaemonHarness.StartAsync(
            "defaults:\n  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }\nprograms:\n"
                + $"  exchange:\n    command: {TestPrograms.Path}\n    args: [--crash-unless, {fixedMarker}]\n"
                + "    start_secs: 1\n"
                + $"    {failing}\n"
                + $"  bot-a:\n    command: {TestPrograms.Path}\n    depends_on: [exchange]\n"
                + $"  bot-b:\n    command: {TestPrograms.Path}\n    depends_on: [exchange]\n",
            sandbox: sandbox
        );
        await h.Events.NextAsync<DaemonStarted>();

        var waiting = h.Programs().Find("bot-a")!.Status();
        Assert.Equal(Stopped, waiting.State);
        Assert.StartsWith("waiting for 'exchange' (", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal(["bot-a", "bot-b"], h.Programs().Waiting.Order());

        await File.WriteAllTextAsync(fixedMarker, "fixed");
        if (recovery == Recovery.AfterOperatorStart)
        {
            await h.Programs().StartAsync(h.Programs().Resolve("exchange")!, byOperator: true);
        }

        for (var bots = 0; bots < 2; bots++)
        {
            await h.Events.NextAsync<ProgramStateChanged>(e => e.To == Running && e.Program.StartsWith("bot-"));
        }

        var order = h.Events.All.OfType<ProgramStateChanged>().Select(e => $"{e.Program}:{e.To}").ToList();
        Assert.True(order.IndexOf("exchange:Running") < order.IndexOf("bot-a:Starting"), string.Join(", ", order));
        Assert.Empty(h.Programs().Waiting);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_dependent_the_operator_stopped_while_it_waited_stays_stopped_when_the_dependency_recovers()
    {
        var sandbox = new Sandbox(); // the harness disposes it
        var fixedMarker = Path.Combine(sandbox.Root, "exchange-fixed");
        await using var h = await DaemonHarness.StartAsync(
            "defaults:\n  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }\nprograms:\n"
                + $"  exchange:\n    command: {TestPrograms.Path}\n    args: [--crash-unless, {fixedMarker}]\n"
                + "    start_secs: 1\n"
                + "    restart: never\n"
                + $"  stopped:\n    command: {TestPrograms.Path}\n    depends_on: [exchange]\n"
                + $"  kept:\n    command: {TestPrograms.Path}\n    depends_on: [exchange]\n",
            sandbox: sandbox
        );
        await h.Events.NextAsync<DaemonStarted>();

        await h.Programs().StopAsync(h.Programs().Resolve("stopped")!, byOperator: true);
        await File.WriteAllTextAsync(fixedMarker, "fixed");
        await h.Programs().StartAsync(h.Programs().Resolve("exchange")!, byOperator: true);
        await h.Events.NextStateAsync("kept", Running);

        var stopped = h.Programs().Find("stopped")!.Status();
        Assert.Equal(Stopped, stopped.State);
        Assert.True(stopped.StoppedByOperator);
        Assert.Empty(h.Events.Transitions("stopped"));
        Assert.Empty(h.Programs().Waiting);
    }

    [Fact(Timeout = 60_000)]
    public async Task Shutdown_during_the_autostart_chain_ends_it_at_once_and_spawns_nothing_more()
    {
        // "slow" never sends READY=1 and has two minutes to do so: a shutdown that waited for the chain would time
        // the test out, and one that let the chain go on would start "after".
        await using var h = await DaemonHarness.StartAsync(
            "defaults:\n  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }\nprograms:\n"
                + $"  slow:\n    command: {TestPrograms.Path}\n    ready: notify\n    ready_timeout: 2m\n"
                + $"  after:\n    command: {TestPrograms.Path}\n    depends_on: [slow]\n"
        );
        await h.Events.NextStateAsync("slow", Starting);

        await h.Daemon.ShutdownAsync("down requested").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Stopped, h.Programs().Find("slow")!.State);
        Assert.Empty(h.Events.Transitions("after"));
        Assert.Equal(Stopped, h.Programs().Find("after")!.State);
    }
}
