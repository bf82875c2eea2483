using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Tests.Infrastructure;
using MoneyBot.Supervisor.Tests.Supervision;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Health;

public sealed class NotifyProtocolTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_notify_program_is_running_only_once_it_sends_ready_and_its_status_text_is_shown()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("bot", dir, "--ready-after", "300") with
            {
                Ready = ReadyMode.Notify,
                StartSecs = TimeSpan.Zero,
            }
        );

        var status = await h.Program.StartAsync();

        Assert.Equal(Running, status.State);
        Assert.Equal("READY=1", status.Reason);
        Assert.Equal("ready", h.Program.Status().StatusText);
        await h.Events.AssertTransitionsAsync("bot", ["Stopped->Starting", "Starting->Running"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_ready_within_ready_timeout_is_a_failed_start()
    {
        await using var h = ProgramHarness.WithTestClock(dir =>
            TestPrograms.Program("bot", dir) with
            {
                Ready = ReadyMode.Notify,
                ReadyTimeout = TimeSpan.FromSeconds(30),
            }
        );
        _ = h.Program.StartAsync();
        var starting = await h.NextStateAsync(Starting);

        h.Time!.Advance(TimeSpan.FromSeconds(30));
        var backoff = await h.NextStateAsync(Backoff);

        Assert.Contains("no READY=1 within ready_timeout", backoff.Reason, StringComparison.Ordinal);
        Assert.False(ProcessProbe.IsAlive(starting.Pid!.Value));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_program_that_stops_sending_watchdog_is_restarted_like_a_crash()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("bot", dir, "--watchdog-every", "100", "--watchdog-for", "400") with
            {
                StartSecs = TimeSpan.Zero,
                Watchdog = TimeSpan.FromSeconds(1),
            }
        );
        var first = await h.Program.StartAsync();

        var backoff = await h.NextStateAsync(Backoff);
        var again = await h.NextStateAsync(Running);

        Assert.StartsWith("watchdog timeout (no WATCHDOG=1 for 1s)", backoff.Reason, StringComparison.Ordinal);
        Assert.Equal(SignalNames.Kill, backoff.Exit!.Value.Signal);
        Assert.False(ProcessProbe.IsAlive(first.Pid!.Value));
        Assert.NotEqual(first.Pid, again.Pid);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_child_gets_notify_socket_and_watchdog_usec()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program("bot", dir, "--env", "NOTIFY_SOCKET", "--env", "WATCHDOG_USEC") with
            {
                StartSecs = TimeSpan.Zero,
                Watchdog = TimeSpan.FromSeconds(30),
            }
        );
        await h.Program.StartAsync();

        var socket = await StopTests.WaitForLineAsync(h, "env NOTIFY_SOCKET=");
        var usec = await StopTests.WaitForLineAsync(h, "env WATCHDOG_USEC=");

        Assert.EndsWith("/run/notify/bot.sock", socket, StringComparison.Ordinal);
        Assert.Equal("env WATCHDOG_USEC=30000000", usec);
    }
}
