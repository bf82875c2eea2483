using System.Diagnostics;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Supervision;

public sealed class StopTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_program_that_ignores_sigterm_is_killed_after_stop_timeout()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("p", dir, "--ignore-term") with
            {
                StartSecs = TimeSpan.Zero,
                StopTimeout = TimeSpan.FromSeconds(1),
            }
        );
        var running = await h.Program.StartAsync();
        await WaitForLineAsync(h, "started");

        var clock = Stopwatch.StartNew();
        var stopped = await h.Program.StopAsync();
        clock.Stop();

        Assert.Equal(Stopped, stopped.State);
        Assert.Equal(SignalNames.Kill, stopped.LastExit!.Value.Signal);
        Assert.False(ProcessProbe.IsAlive(running.Pid!.Value));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(2));
    }

    [Fact(Timeout = 30_000)]
    public async Task Stop_leaves_no_grandchild_running_even_when_both_ignore_sigterm()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("p", dir, "--spawn-grandchild", "--ignore-term") with
            {
                StartSecs = TimeSpan.Zero,
                StopTimeout = TimeSpan.FromSeconds(1),
            }
        );
        var running = await h.Program.StartAsync();
        var grandchild = int.Parse(
            (await WaitForLineAsync(h, "grandchild "))["grandchild ".Length..],
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.True(ProcessProbe.IsAlive(grandchild));

        await h.Program.StopAsync();

        Assert.False(ProcessProbe.IsAlive(running.Pid!.Value));
        Assert.False(ProcessProbe.IsAlive(grandchild));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_crash_takes_the_programs_leftover_children_with_it()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir, "--spawn-grandchild") with
            {
                StartSecs = TimeSpan.Zero,
            }
        );
        var running = await h.Program.StartAsync();
        var grandchild = int.Parse(
            (await WaitForLineAsync(h, "grandchild "))["grandchild ".Length..],
            System.Globalization.CultureInfo.InvariantCulture
        );

        ProcessProbe.KillQuietly(running.Pid!.Value);
        await h.NextStateAsync(Backoff);

        Assert.False(ProcessProbe.IsAlive(grandchild));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_command_is_a_failed_start_with_a_clear_reason()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir) with
            {
                Command = "/nonexistent/bot",
            }
        );

        var status = await h.Program.StartAsync();

        Assert.Equal(Backoff, status.State);
        Assert.Contains("'/nonexistent/bot' not found", status.Reason, StringComparison.Ordinal);
    }

    internal static Task<string> WaitForLineAsync(ProgramHarness h, string prefix) =>
        LogLines.WaitForAsync(ProgramLogs.OutPath(h.LogDir, h.Name), prefix);
}
