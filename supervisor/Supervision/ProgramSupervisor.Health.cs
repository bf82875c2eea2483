using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Health;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Supervision;

// The notify protocol: READY=1 makes a `ready: notify` program RUNNING, WATCHDOG=1 keeps a watched one alive,
// STATUS= is shown in status. A watchdog timeout is handled exactly like a crash.
public sealed partial class ProgramSupervisor
{
    private readonly NotifyEndpoint? notify;
    private ITimer? watchdogTimer;
    private int watchdogGeneration;
    private string? statusText;

    /// <summary>The environment a new process gets: the configured one plus NOTIFY_SOCKET (and WATCHDOG_USEC).</summary>
    private IReadOnlyDictionary<string, string> ChildEnvironment()
    {
        if (notify is null)
        {
            return config.Environment;
        }

        var environment = new Dictionary<string, string>(config.Environment) { ["NOTIFY_SOCKET"] = notify.Path };
        if (config.Watchdog > TimeSpan.Zero)
        {
            environment["WATCHDOG_USEC"] = ((long)config.Watchdog.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return environment;
    }

    private void HandleNotified(NotifyMessage message)
    {
        if (message.Status is { } text && child is not null)
        {
            statusText = text;
            Publish();
        }

        if (message.Ready && state == Starting && config.Ready == ReadyMode.Notify)
        {
            Transition(Running, "READY=1");
        }

        if (message.Watchdog && state == Running)
        {
            ArmWatchdog();
        }
    }

    private void HandleWatchdogExpired(int generation)
    {
        if (generation != watchdogGeneration || state != Running || child is null)
        {
            return;
        }

        killReason = $"watchdog timeout (no WATCHDOG=1 for {Durations.Format(config.Watchdog)})";
        Log.WatchdogTimeout(logger, Name, child.Pid, config.Watchdog);
        child.KillTree();
    }

    /// <summary>(Re)starts the watchdog countdown, when the program is watched.</summary>
    private void ArmWatchdog()
    {
        watchdogTimer?.Dispose();
        watchdogTimer = null;
        if (config.Watchdog <= TimeSpan.Zero)
        {
            return;
        }

        var generation = ++watchdogGeneration;
        watchdogTimer = time.CreateTimer(
            _ => inbox.Writer.TryWrite(new ProgramMessage.WatchdogExpired(generation)), null, config.Watchdog, Timeout.InfiniteTimeSpan);
    }

    private void DisarmWatchdog()
    {
        watchdogGeneration++;
        watchdogTimer?.Dispose();
        watchdogTimer = null;
    }
}
