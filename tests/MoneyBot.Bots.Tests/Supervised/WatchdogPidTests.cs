using System.Globalization;
using MoneyBot.Bots.Tests.ExtGap.Live;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Notify;

namespace MoneyBot.Bots.Tests.Supervised;

/// <summary>
/// WATCHDOG_PID as <c>sd_watchdog_enabled(3)</c> documents it: naming another process, the watchdog is not the bot's,
/// which then sends no WATCHDOG=1 (READY=1 and STATUS= still go out); naming the bot itself changes nothing.
/// </summary>
public sealed class WatchdogPidTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 4, 0, 0, TimeSpan.Zero);

    private static string Pid(int pid) => pid.ToString(CultureInfo.InvariantCulture);

    [Fact(Timeout = 30_000)]
    public async Task A_watchdog_meant_for_another_process_gets_no_WATCHDOG_1_while_READY_and_STATUS_still_go_out()
    {
        using var listener = new NotifyListener();
        var environment = SupervisedEnvironment.Read(name =>
            name switch
            {
                "NOTIFY_SOCKET" => listener.Path,
                "WATCHDOG_USEC" => "3000000",
                "WATCHDOG_PID" => Pid(Environment.ProcessId + 1),
                _ => null,
            }
        );
        var clock = new TestClock(Now);
        var log = new CapturingLogger();
        using var health = HealthReporter.ForBot(
            environment.NotifySocket,
            environment.WatchdogTimeout,
            TimeSpan.FromSeconds(10),
            clock,
            log,
            environment.WatchdogPid
        );

        health.Status("BTCUSDT 1m · flat");
        health.Start(() => clock.GetUtcNow());
        health.MarketData();
        await clock.WhenTimerPendingAsync();
        for (var tick = 0; tick < 3; tick++)
        {
            clock.Advance(health.PingInterval);
        }

        var mark = await listener.MarkAsync("after three ticks");
        var sent = listener.Datagrams.Items.Take(mark).ToList();
        Assert.Equal(Pid(Environment.ProcessId + 1), environment.WatchdogPid);
        Assert.Contains(sent, d => d.Has("READY=1") && d.Status == "BTCUSDT 1m · flat");
        Assert.DoesNotContain(sent, d => d.Has("WATCHDOG=1"));
        Assert.Single(log.Lines, l => l.Contains("the watchdog is not ours", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_WATCHDOG_PID_naming_this_process_keeps_the_watchdog()
    {
        using var listener = new NotifyListener();
        var clock = new TestClock(Now);
        var log = new CapturingLogger();
        using var health = HealthReporter.ForBot(
            listener.Path,
            TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(10),
            clock,
            log,
            Pid(Environment.ProcessId)
        );

        health.Start(() => clock.GetUtcNow());
        health.MarketData();
        await clock.WhenTimerPendingAsync();
        clock.Advance(health.PingInterval);

        var mark = await listener.MarkAsync("after a tick");
        Assert.Equal(TimeSpan.FromSeconds(1), health.PingInterval);
        Assert.Contains(listener.Datagrams.Items.Take(mark), d => d.Has("WATCHDOG=1"));
        Assert.DoesNotContain(log.Lines, l => l.Contains("not ours", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, true)] // unset: the watchdog is ours (compatibility, as in systemd)
    [InlineData("", true)]
    [InlineData("garbage", true)]
    [InlineData("self", true)]
    [InlineData("other", false)]
    public void The_notifier_honours_WATCHDOG_PID(string? watchdogPid, bool ours)
    {
        var value = watchdogPid switch
        {
            "self" => "4242",
            "other" => "4243",
            _ => watchdogPid,
        };

        using var notifier = new SystemdNotifier(null, "30000000", value, processId: 4242);

        Assert.Equal(ours ? TimeSpan.FromSeconds(30) : null, notifier.WatchdogTimeout);
        Assert.Equal(ours ? null : 4243, notifier.WatchdogOwner);
    }

    [Fact]
    public void WATCHDOG_PID_is_read_only_when_supervised()
    {
        var unsupervised = SupervisedEnvironment.Read(name => name == "WATCHDOG_PID" ? "1" : null);

        Assert.Null(unsupervised.WatchdogPid);
    }
}
