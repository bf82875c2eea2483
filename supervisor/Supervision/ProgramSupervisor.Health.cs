using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Health;
using MoneyBot.Supervisor.Processes;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Supervision;

// The notify protocol: READY=1 makes a `ready: notify` program RUNNING, WATCHDOG=1 keeps a watched one alive,
// STATUS= is shown in status. A watchdog timeout is handled exactly like a crash.
public sealed partial class ProgramSupervisor
{
    private readonly NotifyEndpoint? _notify;
    private long _watchdogArmedAt; // timestamp of the last WATCHDOG=1 (or of RUNNING); 0: not watched now
    private ITimer? _watchdogTimer;
    private int _watchdogGeneration;
    private long _watchdogTimeouts;
    private string? _statusText;

    /// <summary>
    /// The environment a new process gets: the configured one plus NOTIFY_SOCKET (and WATCHDOG_USEC).
    /// </summary>
    private Dictionary<string, string> BuildEnvironment()
    {
        var environment = ChildEnvironment.For(Name, _config.Environment, _marker);
        if (_notify is null)
        {
            return environment;
        }

        environment["NOTIFY_SOCKET"] = _notify.Path;
        if (_config.Watchdog > TimeSpan.Zero)
        {
            environment["WATCHDOG_USEC"] = ((long)_config.Watchdog.TotalMicroseconds).ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
        }

        return environment;
    }

    private void HandleNotified(NotifyMessage message)
    {
        if (message.Status is { } text && _child is not null)
        {
            _statusText = text;
            Publish();
        }

        if (message.Ready && _state == Starting && _config.Ready == ReadyMode.Notify)
        {
            Transition(Running, "READY=1");
        }

        if (message.Watchdog && _state == Running)
        {
            ArmWatchdog();
        }
    }

    private void HandleWatchdogExpired(int generation)
    {
        if (generation != _watchdogGeneration || _state != Running || _child is null)
        {
            return;
        }

        Interlocked.Increment(ref _watchdogTimeouts);
        _killReason = $"watchdog timeout (no WATCHDOG=1 for {Durations.Format(_config.Watchdog)})";
        Log.WatchdogTimeout(_logger, Name, _child.Pid, _config.Watchdog);
        _child.KillTree();
    }

    /// <summary>(Re)starts the watchdog countdown, when the program is watched.</summary>
    private void ArmWatchdog()
    {
        _watchdogTimer?.Dispose();
        _watchdogTimer = null;
        if (_config.Watchdog <= TimeSpan.Zero)
        {
            return;
        }

        Volatile.Write(ref _watchdogArmedAt, _time.GetTimestamp());
        var generation = ++_watchdogGeneration;
        _watchdogTimer = _time.CreateTimer(
            _ => _inbox.Writer.TryWrite(new ProgramMessage.WatchdogExpired(generation)),
            null,
            _config.Watchdog,
            Timeout.InfiniteTimeSpan
        );
    }

    private void DisarmWatchdog()
    {
        Volatile.Write(ref _watchdogArmedAt, 0);
        _watchdogGeneration++;
        _watchdogTimer?.Dispose();
        _watchdogTimer = null;
    }
}
