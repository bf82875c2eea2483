using System.Text.RegularExpressions;
using MoneyBot.Supervisor.Cli;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Daemon;

/// <summary>Status texts say each thing once, and agree with the numbers beside them.</summary>
public sealed partial class StatusTextTests
{
    private const string Defaults = "defaults:\n  start_secs: 1\n  stop_timeout: 5s\n  logs: { timestamps: false }\n";

    [Fact(Timeout = 60_000)]
    public async Task A_backoff_shows_one_countdown_and_numbers_its_restart_like_the_restarts_column()
    {
        await using var h = await DaemonHarness.StartAsync(
            Defaults
                + $"programs:\n  crashy:\n    command: {TestPrograms.Path}\n    args: [--crash]\n"
                + "    backoff: { initial: 30s, factor: 1, max: 30s, jitter: 0 }\n"
        );

        var backoff = await h.Events.NextStateAsync("crashy", Backoff);
        var status = h.Programs().Find("crashy")!.Status();
        var line = Row(h, "crashy");

        Assert.Equal("exit 1 after 0s, within start_secs (1s); restart 1 in 30s", NoMs(backoff.Reason));
        Assert.Equal(0, status.Restarts);
        Assert.EndsWith("; restart 1", status.Reason, StringComparison.Ordinal);
        Assert.Single(Countdown().Matches(line));
    }

    [Fact(Timeout = 60_000)]
    public async Task Fatal_counts_the_restarts_the_restarts_column_shows_and_states_its_retry_once()
    {
        await using var h = await DaemonHarness.StartAsync(
            Defaults
                + $"programs:\n  crashy:\n    command: {TestPrograms.Path}\n    args: [--crash]\n"
                + "    backoff: { initial: 100ms, factor: 1, max: 100ms, jitter: 0 }\n"
                + "    give_up: { restarts: 3, within: 10m, retry_after: 1h }\n"
        );

        var fatal = await h.Events.NextStateAsync("crashy", Fatal);
        var status = h.Programs().Find("crashy")!.Status();
        var line = Row(h, "crashy");

        Assert.Equal(3, status.Restarts);
        Assert.Contains("gave up after 3 restarts within 10m", status.Reason, StringComparison.Ordinal);
        Assert.EndsWith("; one more try in 1h00m", fatal.Reason, StringComparison.Ordinal);
        Assert.Single(Countdown().Matches(line));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missed_ready_says_ready_timeout_only()
    {
        await using var h = await DaemonHarness.StartAsync(
            Defaults
                + $"programs:\n  silent:\n    command: {TestPrograms.Path}\n    ready: notify\n    ready_timeout: 1s\n"
                + "    backoff: { initial: 30s, factor: 1, max: 30s, jitter: 0 }\n"
        );

        await h.Events.NextStateAsync("silent", Backoff);

        Assert.Equal("no READY=1 within ready_timeout (1s); restart 1", h.Programs().Find("silent")!.Status().Reason);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_without_execute_permission_is_reported_as_such_not_as_missing()
    {
        var sandbox = new Sandbox(); // the harness disposes it
        var script = sandbox.Combine("bot.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nsleep 60\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var h = await DaemonHarness.StartAsync(
            Defaults
                + $"programs:\n  script:\n    command: {script}\n"
                + "    backoff: { initial: 30s, factor: 1, max: 30s, jitter: 0 }\n",
            sandbox: sandbox
        );

        await h.Events.NextStateAsync("script", Backoff);

        Assert.StartsWith(
            $"could not start: command '{script}': {script} is not executable (no execute permission; chmod +x ",
            h.Programs().Find("script")!.Status().Reason,
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task Health_puts_the_root_cause_first_and_names_it_beside_the_programs_it_holds_up()
    {
        var sandbox = new Sandbox(); // the harness disposes it
        await using var h = await DaemonHarness.StartAsync(
            Defaults
                + $"programs:\n  bot:\n    command: {TestPrograms.Path}\n    depends_on: [exchange]\n"
                + $"  exchange:\n    command: {TestPrograms.Path}\n    args: [--crash]\n    restart: never\n",
            sandbox: sandbox
        );
        await h.Events.NextAsync<DaemonStarted>();

        var health = await new ControlClient(h.Config.Daemon.SocketPath).SendAsync(new SupervisorCommand.Health());

        Assert.False(health!.Ok);
        Assert.Equal(2, health.Problems!.Count);
        Assert.StartsWith("exchange: EXITED (exit 1", health.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith(
            "bot: STOPPED (waiting for 'exchange' (Exited)",
            health.Problems[1],
            StringComparison.Ordinal
        );
        Assert.EndsWith("; cause: exchange is EXITED", health.Problems[1], StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Health_fails_for_a_running_program_that_stopped_its_watchdog_pings_before_the_restart()
    {
        // Both ping for 300 ms, then stay silent (a bot whose input is behind its state, a frozen exchange); the
        // watchdog (20s) would restart them only later, health fails from half of it on.
        const string Silent = "    args: [--watchdog-every, 100, --watchdog-for, 300]\n    watchdog: 20s\n";
        await using var h = await DaemonHarness.StartAsync(
            Defaults
                + $"programs:\n  bot:\n    command: {TestPrograms.Path}\n    depends_on: [exchange]\n{Silent}"
                + $"  exchange:\n    command: {TestPrograms.Path}\n{Silent}"
        );
        await h.Events.NextAsync<DaemonStarted>();
        var client = new ControlClient(h.Config.Daemon.SocketPath);

        ControlResponse health;
        do
        {
            // the silence grows with wall time: ask again until half the watchdog has passed
            await Task.Delay(200);
            health = (await client.SendAsync(new SupervisorCommand.Health()))!;
        } while (health.Ok || health.Problems!.Count < 2);

        Assert.All(h.Programs().Statuses(), s => Assert.Equal(Running, s.State));
        Assert.StartsWith("exchange: RUNNING but no WATCHDOG=1 for 1", health.Problems[0], StringComparison.Ordinal);
        Assert.Contains("(watchdog 20s; it says: ", health.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("bot: RUNNING but no WATCHDOG=1 for 1", health.Problems[1], StringComparison.Ordinal);
        Assert.Contains(
            "; cause: exchange is frozen (no WATCHDOG=1 for 1",
            health.Problems[1],
            StringComparison.Ordinal
        );
    }

    private static string Row(DaemonHarness h, string name) =>
        StatusTable
            .Render(h.Programs().Statuses().Select(ProgramStatusDto.From).ToList(), DateTimeOffset.UtcNow, false)
            .Split('\n')
            .Single(l => l.StartsWith(name, StringComparison.Ordinal));

    private static string NoMs(string text) => Milliseconds().Replace(text, "0s");

    [GeneratedRegex(@"\bin \d")]
    private static partial Regex Countdown();

    [GeneratedRegex(@"\d+ms")]
    private static partial Regex Milliseconds();
}
