using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Pod;

/// <summary>What <c>moneybot pod run</c> runs and how (the program's settings from the exported YAML).</summary>
/// <param name="Name">The program's name: names its notify socket and state file.</param>
/// <param name="Command">The executable and its arguments.</param>
/// <param name="Ready">What makes it ready: READY=1, or having run for <paramref name="StartSecs"/>.</param>
/// <param name="StartSecs">With <see cref="ReadyMode.StartSecs"/>: how long it must run to be ready.</param>
/// <param name="Watchdog">&gt; 0: WATCHDOG_USEC for the program; the liveness probe fails after this silence.</param>
/// <param name="StopSignal">Sent to the program's process group when the container is stopped.</param>
/// <param name="StopTimeout">Then SIGKILL after this long.</param>
/// <param name="StateDirectory">Where the notify socket and the state file go.</param>
public sealed record PodRunOptions(
    string Name,
    IReadOnlyList<string> Command,
    ReadyMode Ready,
    TimeSpan StartSecs,
    TimeSpan Watchdog,
    StopSignal StopSignal,
    TimeSpan StopTimeout,
    string StateDirectory
);
