using System.Globalization;

namespace MoneyBot.Common.Bots;

/// <summary>
/// What the supervisor tells a bot through its environment (the notify protocol): <c>NOTIFY_SOCKET</c>
/// and <c>WATCHDOG_USEC</c> (and <c>WATCHDOG_PID</c>, which systemd sets); a supervised bot also watches that its
/// supervisor still lives.
/// </summary>
/// <param name="NotifySocket">Where READY/STATUS/WATCHDOG go; null when not supervised.</param>
/// <param name="WatchdogTimeout">The watchdog timeout; null when none.</param>
/// <param name="ParentCheckInterval">How often to check that the supervisor lives; null when not supervised.</param>
public sealed record SupervisedEnvironment(
    string? NotifySocket,
    TimeSpan? WatchdogTimeout,
    TimeSpan? ParentCheckInterval
)
{
    /// <summary>How often a supervised bot checks that its supervisor still lives.</summary>
    public static readonly TimeSpan DefaultParentCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The WATCHDOG_PID value, if any: the process the watchdog is meant for. When it names another process the
    /// watchdog is not this one's and no WATCHDOG=1 goes out (<see cref="Notify.SystemdNotifier"/> decides).
    /// </summary>
    public string? WatchdogPid { get; init; }

    /// <summary>Reads the variables through <paramref name="variable"/>.</summary>
    public static SupervisedEnvironment Read(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var socket = variable("NOTIFY_SOCKET");
        var supervised = !string.IsNullOrEmpty(socket);
        return new SupervisedEnvironment(
            supervised ? socket : null,
            long.TryParse(variable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec)
            && usec > 0
                ? TimeSpan.FromMicroseconds(usec)
                : null,
            supervised ? DefaultParentCheckInterval : null
        )
        {
            WatchdogPid = supervised ? variable("WATCHDOG_PID") : null,
        };
    }
}
