namespace MoneyBot.Supervisor.Config;

/// <summary>Per-kind notification modes (<c>telegram.notify:</c>).</summary>
/// <param name="Started">A program reached RUNNING for the first time (or after an operator start).</param>
/// <param name="Crashed">A program exited unexpectedly (crash loops collapse into one updated message).</param>
/// <param name="Fatal">A program gave up (FATAL), with its last stderr lines.</param>
/// <param name="Recovered">A program that had crashed is RUNNING again.</param>
/// <param name="Watchdog">A program was restarted for missing WATCHDOG=1.</param>
/// <param name="Stopped">An operator stopped a program.</param>
/// <param name="Reload">A reload was applied.</param>
/// <param name="Daemon">The supervisor started (with its programs) or is stopping.</param>
public sealed record NotifySettings(
    NotifyMode Started,
    NotifyMode Crashed,
    NotifyMode Fatal,
    NotifyMode Recovered,
    NotifyMode Watchdog,
    NotifyMode Stopped,
    NotifyMode Reload,
    NotifyMode Daemon
)
{
    /// <summary>
    /// <c>{ started: on, crashed: on, fatal: on, recovered: on, watchdog: on, stopped: silent, reload: on, daemon: on
    /// }</c>.
    /// </summary>
    public static NotifySettings Default { get; } =
        new(
            NotifyMode.On,
            NotifyMode.On,
            NotifyMode.On,
            NotifyMode.On,
            NotifyMode.On,
            NotifyMode.Silent,
            NotifyMode.On,
            NotifyMode.On
        );
}
