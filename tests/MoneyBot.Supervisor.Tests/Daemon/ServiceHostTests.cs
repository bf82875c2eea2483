using Microsoft.Extensions.Hosting;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.Supervisor.Tests.AdminBot;

namespace MoneyBot.Supervisor.Tests.Daemon;

/// <summary>
/// The daemon's services share one lifecycle: started in order, stopped in reverse, each within a bound, and a
/// service that fails is logged while the others go on.
/// </summary>
public sealed class ServiceHostTests
{
    [Fact(Timeout = 30_000)]
    public async Task Services_start_in_order_and_stop_in_reverse()
    {
        var journal = new List<string>();
        var log = new CapturingLogger();
        var host = new ServiceHost(log);
        foreach (var name in new[] { "first", "second", "third" })
        {
            host.Add(name, new Recording(name, journal));
        }

        await host.StartAsync(CancellationToken.None);
        await host.StopAsync();
        await host.StopAsync(); // a second stop does nothing

        Assert.Equal(
            ["start first", "start second", "start third", "stop third", "stop second", "stop first"],
            journal.Where(e => !e.StartsWith("run", StringComparison.Ordinal))
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_service_that_will_not_stop_is_left_behind_after_its_bound_and_the_rest_still_stop()
    {
        var journal = new List<string>();
        var log = new CapturingLogger();
        var host = new ServiceHost(log);
        host.Add("first", new Recording("first", journal));
        var stubborn = new Stubborn();
        host.Add("stubborn", stubborn, stopBound: TimeSpan.FromMilliseconds(200));

        await host.StartAsync(CancellationToken.None);
        await stubborn.Running;
        await host.StopAsync();

        Assert.Contains("stop first", journal);
        Assert.Contains(log.Lines, l =>
            l.Contains("stubborn did not stop within 00:00:00.2", StringComparison.Ordinal)
        );
        stubborn.Release();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_service_that_fails_to_start_stops_those_started_before_it()
    {
        var journal = new List<string>();
        var host = new ServiceHost(new CapturingLogger());
        host.Add("first", new Recording("first", journal));
        host.Add("broken", new FailsToStart());
        host.Add("never", new Recording("never", journal));

        var e = await Assert.ThrowsAsync<IOException>(() => host.StartAsync(CancellationToken.None));

        Assert.Equal("address in use", e.Message);
        Assert.Equal(["start first", "stop first"], journal.Where(j => !j.StartsWith("run", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_service_that_fails_while_running_is_logged_and_the_others_go_on()
    {
        var log = new CapturingLogger();
        var host = new ServiceHost(log);
        var journal = new List<string>();
        host.Add("crashing", new CrashesWhileRunning());
        host.Add("steady", new Recording("steady", journal));

        await host.StartAsync(CancellationToken.None);
        await log.WaitForAsync("crashing failed; the daemon goes on without it");
        await host.StopAsync();

        Assert.Contains("stop steady", journal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_daemon_starts_observer_control_server_admin_bot_then_autostart()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "")]);

        Assert.Equal(
            ["observer", "control server", "TelegramNotifications", "TelegramCommandListener", "autostart"],
            h.Daemon.Daemon.ServiceNames
        );
    }

    private sealed class Recording(string name, List<string> journal) : BackgroundService
    {
        public override Task StartAsync(CancellationToken cancellationToken)
        {
            lock (journal)
            {
                journal.Add("start " + name);
            }

            return base.StartAsync(cancellationToken);
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await base.StopAsync(cancellationToken);
            lock (journal)
            {
                journal.Add("stop " + name);
            }
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                lock (journal)
                {
                    journal.Add("run ended " + name);
                }
            }
        }
    }

    private sealed class Stubborn : BackgroundService
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Running => _running.Task;

        public void Release() => _release.TrySetResult();

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _running.TrySetResult();
            await _release.Task; // ignores the token
        }
    }

    private sealed class FailsToStart : BackgroundService
    {
        public override Task StartAsync(CancellationToken cancellationToken) => throw new IOException("address in use");

        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }

    private sealed class CrashesWhileRunning : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("lost its socket");
        }
    }
}
