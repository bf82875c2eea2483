using MoneyBot.Supervisor.Tests.Infrastructure;
using MoneyBot.TestSupport;
using MoneyBot.TestSupport.Processes;

namespace MoneyBot.Supervisor.Tests.Pod;

/// <summary>
/// <c>moneybot pod run|probe|wait</c> as real processes, as the exported containers run them: a test program under
/// the notify protocol (WATCHDOG_USEC as systemd sets it), the probes' answers as it becomes ready and goes silent,
/// the stop signal and the exit code passed on.
/// </summary>
public sealed class PodRunTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _state = new("mb-pod-");

    [Fact(Timeout = 60_000)]
    public async Task The_program_gets_NOTIFY_SOCKET_and_WATCHDOG_USEC_and_the_probes_follow_its_READY_and_WATCHDOG()
    {
        await using var pod = Run(
            "bot",
            ["--ready", "notify", "--watchdog", "1s"],
            "--env",
            "WATCHDOG_USEC",
            "--ready-after",
            "300",
            "--watchdog-every",
            "100",
            "--watchdog-for",
            "1500",
            "--print-every",
            "100"
        );

        await pod.Output.WaitForAsync(l => l == "env WATCHDOG_USEC=1000000", Deadline, "WATCHDOG_USEC");
        var ready = await UntilAsync("bot", "--ready", 0);
        Assert.Contains("bot: ready, pid", ready.Output, StringComparison.Ordinal);
        var silent = await UntilAsync("bot", "--live", 1);
        Assert.Contains("bot: no WATCHDOG=1 for", silent.Output, StringComparison.Ordinal);
        Assert.Contains("(watchdog 1s)", silent.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await ProbeAsync("bot", "--ready")).ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Before_READY_the_program_is_alive_but_not_ready()
    {
        await using var pod = Run("slow", ["--ready", "notify"], "--print-every", "100");
        await pod.Output.WaitForAsync(l => l.StartsWith("tick", StringComparison.Ordinal), Deadline, "a tick");

        var ready = await UntilAsync("slow", "--ready", 1);
        var live = await ProbeAsync("slow", "--live");

        Assert.Contains("slow: not ready: no READY=1 after", ready.Output, StringComparison.Ordinal);
        Assert.Equal(0, live.ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_state_left_by_a_killed_predecessor_does_not_make_the_new_program_ready()
    {
        await File.WriteAllTextAsync(
            _state.File("again.state.json"),
            $"{{\"name\":\"again\",\"pid\":{Environment.ProcessId},\"started_ms\":1,\"ready\":true,\"ready_ms\":1,"
                + "\"last_watchdog_ms\":null,\"watchdog_ms\":0,\"status\":null}"
        );
        Assert.Equal(0, (await ProbeAsync("again", "--ready")).ExitCode);

        await using var pod = Run("again", ["--ready", "notify"], "--print-every", "100");
        await pod.Output.WaitForAsync(l => l.StartsWith("tick", StringComparison.Ordinal), Deadline, "a tick");

        var ready = await ProbeAsync("again", "--ready");
        Assert.Equal(1, ready.ExitCode);
        Assert.Contains("again: not ready: no READY=1", ready.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_start_secs_the_program_is_ready_once_it_has_run_that_long()
    {
        await using var pod = Run("plain", ["--start-secs", "500ms"], "--print-every", "100");

        var ready = await UntilAsync("plain", "--ready", 0);

        Assert.Contains("plain: ready", ready.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_that_ignores_the_stop_signal_is_killed_after_the_stop_timeout()
    {
        await using var pod = Run(
            "stoppable",
            ["--stop-signal", "INT", "--stop-timeout", "1s"],
            "--print-every",
            "100",
            "--ignore-term"
        );
        await pod.Output.WaitForAsync(l => l.StartsWith("tick", StringComparison.Ordinal), Deadline, "a tick");

        await pod.SignalAsync("TERM");

        // The test program ignores TERM and INT: SIGKILL after the stop timeout ends it, 128 + 9 for the container.
        var exitCode = await pod.WaitForExitAsync(Deadline);
        Assert.Equal(128 + 9, exitCode);
        Assert.False(File.Exists(_state.File("stoppable.state.json")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stop_signal_the_program_honours_ends_it_with_its_own_exit_code()
    {
        await using var pod = Run("polite", ["--stop-signal", "TERM"], "--print-every", "100");
        await pod.Output.WaitForAsync(l => l.StartsWith("tick", StringComparison.Ordinal), Deadline, "a tick");

        await pod.SignalAsync("TERM");

        Assert.Equal(0, await pod.WaitForExitAsync(Deadline));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_crash_exit_code_is_the_containers()
    {
        await using var pod = Run("crasher", [], "--crash", "--code", "7");

        Assert.Equal(7, await pod.WaitForExitAsync(Deadline));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_that_cannot_start_exits_127_saying_why()
    {
        var outcome = await CliRunner.RunAsync("pod", "run", "gone", "--state-dir", _state.Path, "--", "/no/such/bot");

        Assert.Equal(127, outcome.ExitCode);
        Assert.Contains("/no/such/bot", outcome.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_probe_of_a_program_never_started_fails_saying_so()
    {
        var outcome = await ProbeAsync("never", "--live");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("never: not started", outcome.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_torn_state_file_fails_the_probe_with_its_path()
    {
        await File.WriteAllTextAsync(_state.File("torn.state.json"), "{\"name\":\"torn\",\"pid\":");

        var outcome = await ProbeAsync("torn", "--ready");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"cannot read {_state.File("torn.state.json")}", outcome.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Wait_returns_once_the_names_resolve_and_gives_up_after_its_timeout()
    {
        var resolved = await CliRunner.RunAsync("pod", "wait", "localhost");
        var missing = await CliRunner.RunAsync("pod", "wait", "no-such-program.invalid", "--timeout", "1s");

        Assert.Equal(0, resolved.ExitCode);
        Assert.Contains("localhost is ready", resolved.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("waiting for no-such-program.invalid to be ready", missing.Output, StringComparison.Ordinal);
        Assert.Contains(
            "gave up after 1s: no-such-program.invalid not ready",
            missing.Output,
            StringComparison.Ordinal
        );
    }

    public void Dispose() => _state.Dispose();

    private RunningChild Run(string name, string[] options, params string[] programArgs) =>
        RunningChild.Start(
            CliRunner.Path,
            ["pod", "run", name, "--state-dir", _state.Path, .. options, "--", TestPrograms.Path, .. programArgs],
            captureStdout: true
        );

    private Task<CommandOutcome> ProbeAsync(string name, string kind) =>
        CliRunner.RunAsync("pod", "probe", name, kind, "--state-dir", _state.Path);

    /// <summary>Probes until the probe exits with <paramref name="exitCode"/>; its last outcome.</summary>
    private async Task<CommandOutcome> UntilAsync(string name, string kind, int exitCode)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var outcome = await ProbeAsync(name, kind);
            if (outcome.ExitCode == exitCode)
            {
                return outcome;
            }

            if (TimeProvider.System.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"probe {kind} of {name} never exited {exitCode}; last: {outcome}");
            }

            await Task.Delay(100);
        }
    }
}
