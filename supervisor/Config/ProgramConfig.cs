using MoneyBot.Common.Resilience;

namespace MoneyBot.Supervisor.Config;

/// <summary>One program's effective settings: its own keys over <c>defaults:</c>. Validated; paths absolute.</summary>
public sealed record ProgramConfig
{
    /// <summary>The key under <c>programs:</c>; also the log file stem.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Executable: absolute, relative to the base directory (when it contains a slash), or looked up on PATH.
    /// </summary>
    public required string Command { get; init; }

    /// <summary>Arguments, already expanded.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Absolute working directory.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Extra environment for the child (on top of the daemon's own).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The <see cref="Environment"/> values as written in the YAML, before <c>${VAR}</c> expansion (what an export
    /// writes instead of an expanded secret). Not compared by <see cref="HasSameSettingsAs"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentSource { get; init; } = new Dictionary<string, string>();

    /// <summary>Programs started before this one and stopped after it.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Optional group name for group operations.</summary>
    public string? Group { get; init; }

    public bool Autostart { get; init; } = true;

    public RestartMode Restart { get; init; } = RestartMode.Always;

    /// <summary>Exit codes counted as expected under <see cref="RestartMode.OnFailure"/>.</summary>
    public IReadOnlyList<int> ExitCodes { get; init; } = [0];

    /// <summary>How long a new process must stay up to count as started.</summary>
    public TimeSpan StartSecs { get; init; } = TimeSpan.FromSeconds(10);

    public BackoffPolicy Backoff { get; init; } = BackoffPolicy.Default;

    public GiveUpPolicy GiveUp { get; init; } = GiveUpPolicy.Default;

    public StopSignal StopSignal { get; init; } = StopSignal.Term;

    /// <summary>Grace after <see cref="StopSignal"/> before SIGKILL of the whole tree.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public LogSettings Logs { get; init; } = LogSettings.Default;

    /// <summary>&gt; 0: restart when no WATCHDOG=1 arrives for this long.</summary>
    public TimeSpan Watchdog { get; init; } = TimeSpan.Zero;

    /// <summary>What makes a started program RUNNING: <c>start_secs</c> alive, or READY=1 (notify protocol).</summary>
    public ReadyMode Ready { get; init; } = ReadyMode.StartSecs;

    /// <summary>With <see cref="ReadyMode.Notify"/>: no READY=1 within this long is a failed start.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>What the program needs (for the exports); not enforced by the supervisor.</summary>
    public ResourceSettings Resources { get; init; } = ResourceSettings.None;

    /// <summary>
    /// True when every setting equals <paramref name="other"/>'s, lists and maps compared by content.
    /// A reload restarts a program only when this is false; <see cref="Resources"/> is not compared (the supervisor
    /// does not use it).
    /// </summary>
    public bool HasSameSettingsAs(ProgramConfig other) =>
        this with
        {
            Args = [],
            Environment = EmptyEnvironment,
            EnvironmentSource = EmptyEnvironment,
            DependsOn = [],
            ExitCodes = [],
            Resources = ResourceSettings.None,
        }
            == other with
            {
                Args = [],
                Environment = EmptyEnvironment,
                EnvironmentSource = EmptyEnvironment,
                DependsOn = [],
                ExitCodes = [],
                Resources = ResourceSettings.None,
            }
        && Args.SequenceEqual(other.Args)
        && DependsOn.SequenceEqual(other.DependsOn)
        && ExitCodes.SequenceEqual(other.ExitCodes)
        && Environment.Count == other.Environment.Count
        && Environment.All(kv => other.Environment.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static readonly IReadOnlyDictionary<string, string> EmptyEnvironment = new Dictionary<string, string>();
}
