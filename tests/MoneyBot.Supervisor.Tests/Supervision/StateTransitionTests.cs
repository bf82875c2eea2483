using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Supervision;

public sealed class StateTransitionTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_program_is_starting_until_start_secs_have_passed_then_running()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir) with
            {
                StartSecs = TimeSpan.FromSeconds(10),
            }
        );

        var start = h.Program.StartAsync();
        var starting = await h.NextStateAsync(Starting);
        Assert.NotNull(starting.Pid);
        Assert.True(ProcessProbe.IsAlive(starting.Pid!.Value));
        Assert.Equal(Starting, h.Program.State);

        h.Time!.Advance(TimeSpan.FromSeconds(10));
        var status = await start;

        Assert.Equal(Running, status.State);
        Assert.Equal(starting.Pid, status.Pid);
        await h.Events.AssertTransitionsAsync("p", ["Stopped->Starting", "Starting->Running"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stopping_a_running_program_goes_through_stopping_to_stopped_and_ends_the_process()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("p", dir) with
            {
                StartSecs = TimeSpan.Zero,
            }
        );
        var running = await h.Program.StartAsync();

        var stopped = await h.Program.StopAsync();

        Assert.Equal(Stopped, stopped.State);
        Assert.True(stopped.StoppedByOperator);
        Assert.False(ProcessProbe.IsAlive(running.Pid!.Value));
        await h.Events.AssertTransitionsAsync(
            "p",
            ["Stopped->Starting", "Starting->Running", "Running->Stopping", "Stopping->Stopped"]
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task An_expected_exit_under_on_failure_ends_in_exited()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("p", dir, "--exit-after", "0", "--code", "3") with
            {
                StartSecs = TimeSpan.Zero,
                Restart = RestartMode.OnFailure,
                ExitCodes = [0, 3],
            }
        );

        await h.Program.StartAsync();
        var exited = await h.NextStateAsync(Exited);

        Assert.Equal(3, exited.Exit!.Value.Code);
        await h.Events.AssertTransitionsAsync("p", ["Stopped->Starting", "Starting->Running", "Running->Exited"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_exit_code_not_listed_under_on_failure_is_a_crash_that_backs_off()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir, "--exit-after", "0", "--code", "4") with
            {
                StartSecs = TimeSpan.Zero,
                Restart = RestartMode.OnFailure,
                ExitCodes = [0, 3],
            }
        );

        await h.Program.StartAsync();
        var backoff = await h.NextStateAsync(Backoff);

        Assert.Equal(4, backoff.Exit!.Value.Code);
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextRetryIn);
    }

    [Fact(Timeout = 30_000)]
    public async Task Under_restart_never_any_exit_ends_in_exited()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("p", dir, "--crash") with
            {
                StartSecs = TimeSpan.FromSeconds(5),
                Restart = RestartMode.Never,
            }
        );

        var status = await h.Program.StartAsync();

        Assert.Equal(Exited, status.State);
        Assert.Equal(1, status.LastExit!.Value.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_crash_after_running_backs_off_then_starts_a_new_process()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir) with
            {
                StartSecs = TimeSpan.Zero,
            }
        );
        var first = await h.Program.StartAsync();

        ProcessProbe.KillQuietly(first.Pid!.Value);
        var backoff = await h.NextStateAsync(Backoff);
        h.Time!.Advance(backoff.NextRetryIn!.Value);
        var again = await h.NextStateAsync(Running);

        Assert.Equal(9, backoff.Exit!.Value.Signal);
        Assert.NotEqual(first.Pid, again.Pid);
        Assert.Equal(1, h.Program.Status().Restarts);
        await h.Events.AssertTransitionsAsync(
            "p",
            ["Stopped->Starting", "Starting->Running", "Running->Backoff", "Backoff->Starting", "Starting->Running"]
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task Stopping_during_backoff_cancels_the_pending_restart()
    {
        await using var h = ProgramHarness.WithTestClock(dir => TestPrograms.Program("p", dir, "--crash"));
        await h.Program.StartAsync();
        await h.NextStateAsync(Backoff);

        var stopped = await h.Program.StopAsync();
        h.Time!.Advance(TimeSpan.FromMinutes(5));
        var restarted = await h.Program.StartAsync(); // proves the loop is idle and nothing else was spawned meanwhile

        Assert.Equal(Stopped, stopped.State);
        await h.Events.AssertTransitionsAsync(
            "p",
            ["Stopped->Starting", "Starting->Backoff", "Backoff->Stopped", "Stopped->Starting", "Starting->Backoff"]
        );
        Assert.Equal(Backoff, restarted.State);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stop_while_starting_ends_the_process_and_the_pending_start_reports_the_stop()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir) with
            {
                StartSecs = TimeSpan.FromSeconds(10),
            }
        );
        var start = h.Program.StartAsync();
        var starting = await h.NextStateAsync(Starting);

        var stopped = await h.Program.StopAsync();
        var startResult = await start;

        Assert.Equal(Stopped, stopped.State);
        Assert.NotEqual(Running, startResult.State);
        Assert.False(ProcessProbe.IsAlive(starting.Pid!.Value));
        await h.Events.AssertTransitionsAsync("p", ["Stopped->Starting", "Starting->Stopping", "Stopping->Stopped"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stopping_a_fatal_or_exited_program_marks_it_stopped()
    {
        await using var fatal = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir, "--crash") with
            {
                GiveUp = new GiveUpPolicy(0, TimeSpan.FromMinutes(1), null),
            }
        );
        await using var exited = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("p", dir, "--exit-after", "0") with
            {
                StartSecs = TimeSpan.Zero,
                Restart = RestartMode.Never,
            }
        );
        await fatal.Program.StartAsync();
        await exited.Program.StartAsync();
        await exited.NextStateAsync(Exited);

        Assert.Equal(Stopped, (await fatal.Program.StopAsync()).State);
        Assert.Equal(Stopped, (await exited.Program.StopAsync()).State);
        await fatal.Events.AssertTransitionsAsync("p", ["Stopped->Starting", "Starting->Fatal", "Fatal->Stopped"]);
        await exited.Events.AssertTransitionsAsync(
            "p",
            ["Stopped->Starting", "Starting->Running", "Running->Exited", "Exited->Stopped"]
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_crash_loop_of_a_running_program_also_ends_in_fatal()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("p", dir) with
            {
                StartSecs = TimeSpan.Zero,
                GiveUp = new GiveUpPolicy(0, TimeSpan.FromMinutes(1), null),
            }
        );
        var running = await h.Program.StartAsync();

        ProcessProbe.KillQuietly(running.Pid!.Value);
        var fatal = await h.NextStateAsync(Fatal);

        Assert.Equal(Running, fatal.From);
        Assert.Equal(9, fatal.Exit!.Value.Signal);
    }

    [Fact]
    public void Only_the_documented_moves_are_legal()
    {
        Assert.True(StateMachine.IsLegal(Stopped, Starting));
        Assert.True(StateMachine.IsLegal(Backoff, Starting));
        Assert.True(StateMachine.IsLegal(Fatal, Starting));
        Assert.True(StateMachine.IsLegal(Running, Stopping));
        Assert.False(StateMachine.IsLegal(Stopped, Running));
        Assert.False(StateMachine.IsLegal(Backoff, Running));
        Assert.False(StateMachine.IsLegal(Stopping, Starting));
        Assert.False(StateMachine.IsLegal(Fatal, Running));
        Assert.False(StateMachine.IsLegal(Exited, Backoff));
    }
}
