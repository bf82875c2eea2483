namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Reads the settings that <c>defaults:</c> and each program share (autostart, restart, backoff, ...)
/// onto inherited values: what a mapping leaves out keeps the inherited value, key by key.
/// </summary>
internal sealed class ProgramSettingsReader(NodeReader reader)
{
    /// <summary>Keys allowed both under <c>defaults:</c> and in a program.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "autostart",
        "restart",
        "exit_codes",
        "start_secs",
        "backoff",
        "give_up",
        "stop_signal",
        "stop_timeout",
        "logs",
        "watchdog",
        "ready",
        "ready_timeout",
        "resources",
    ];

    /// <summary>The keys of <c>resources:</c>.</summary>
    public static readonly IReadOnlyList<string> ResourceKeys = ["memory", "cpu"];

    private static readonly Dictionary<string, ReadyMode> ReadyModes = new(StringComparer.Ordinal)
    {
        ["start_secs"] = ReadyMode.StartSecs,
        ["notify"] = ReadyMode.Notify,
    };

    private static readonly Dictionary<string, RestartMode> RestartModes = new(StringComparer.Ordinal)
    {
        ["always"] = RestartMode.Always,
        ["on-failure"] = RestartMode.OnFailure,
        ["never"] = RestartMode.Never,
    };

    /// <summary>The <c>stop_signal</c> names: <c>TERM</c> and <c>SIGTERM</c> alike (matched ignoring case).</summary>
    internal static readonly IReadOnlyDictionary<string, StopSignal> Signals = BuildSignals();

    private readonly PolicyReader _policies = new(reader);

    /// <summary>The settings a program has when neither it nor <c>defaults:</c> says otherwise.</summary>
    public static ProgramConfig BuiltIn(string workingDirectory) =>
        new()
        {
            Name = string.Empty,
            Command = string.Empty,
            WorkingDirectory = workingDirectory,
        };

    /// <summary>
    /// Applies one of <see cref="Keys"/> to <paramref name="settings"/>; an invalid value leaves them unchanged.
    /// </summary>
    public ProgramConfig Apply(ProgramConfig settings, YamlField field)
    {
        var (value, at) = (field.Value, field.Path);
        return field.Key switch
        {
            "autostart" => reader.Bool(value, at) is { } b ? settings with { Autostart = b } : settings,
            "restart" => reader.Choice(value, at, RestartModes, "always, on-failure or never") is { } r
                ? settings with
                {
                    Restart = r,
                }
                : settings,
            "exit_codes" => ExitCodes(value, at) is { } codes ? settings with { ExitCodes = codes } : settings,
            "start_secs" => reader.Duration(value, at, bareSeconds: true) is { } d
                ? settings with
                {
                    StartSecs = d,
                }
                : settings,
            "backoff" => settings with { Backoff = _policies.Backoff(settings.Backoff, value, at) },
            "give_up" => settings with { GiveUp = _policies.GiveUp(settings.GiveUp, value, at) },
            "stop_signal" => reader.Choice(value, at, Signals, "a signal: TERM, INT, HUP, QUIT, KILL, USR1 or USR2")
                is { } s
                ? settings with
                {
                    StopSignal = s,
                }
                : settings,
            "stop_timeout" => reader.Duration(value, at) is { } d ? settings with { StopTimeout = d } : settings,
            "logs" => settings with { Logs = _policies.Logs(settings.Logs, value, at, PolicyReader.LogKeys) },
            "watchdog" => reader.Duration(value, at) is { } d ? settings with { Watchdog = d } : settings,
            "ready" => reader.Choice(value, at, ReadyModes, "start_secs or notify") is { } m
                ? settings with
                {
                    Ready = m,
                }
                : settings,
            "ready_timeout" => reader.Duration(value, at) is { } d ? settings with { ReadyTimeout = d } : settings,
            "resources" => settings with { Resources = Resources(settings.Resources, value, at) },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Key, "not a shared program setting"),
        };
    }

    /// <summary><c>resources: { memory: 256MB, cpu: 0.5 }</c> over the inherited values, key by key.</summary>
    private ResourceSettings Resources(ResourceSettings resources, YamlNode node, string path)
    {
        foreach (var field in reader.Fields(node, path, ResourceKeys))
        {
            var (value, at) = (field.Value, field.Path);
            if (field.Key == "memory")
            {
                resources = reader.Size(value, at) is { } bytes ? resources with { MemoryBytes = bytes } : resources;
                continue;
            }

            const string CpuForm = "a CPU amount in cores such as 0.5 or 2, or in thousandths such as 250m";
            if (reader.Expanded(value, at, CpuForm) is not { } text)
            {
                continue;
            }

            if (ResourceSettings.ParseCpu(text) is { } millis)
            {
                resources = resources with { CpuMillis = millis };
            }
            else
            {
                reader.Diagnostics.Add(value, at, $"expected {CpuForm} (at least 1m), found '{text.Trim()}'");
            }
        }

        return resources;
    }

    private List<int>? ExitCodes(YamlNode node, string path)
    {
        if (reader.Items(node, path) is not { } items)
        {
            return null;
        }

        var codes = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Int(items[i], ConfigDiagnostics.Item(path, i), min: 0, max: 255) is { } code)
            {
                codes.Add(code);
            }
        }

        return codes.Count == items.Count ? codes : null;
    }

    private static Dictionary<string, StopSignal> BuildSignals()
    {
        var signals = new Dictionary<string, StopSignal>(StringComparer.Ordinal);
        foreach (var signal in Enum.GetValues<StopSignal>())
        {
            var name = signal.ToString().ToUpperInvariant();
            signals[name] = signal;
            signals["SIG" + name] = signal;
        }

        return signals;
    }
}
