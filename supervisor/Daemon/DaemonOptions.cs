using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>How a <see cref="SupervisorDaemon"/> is hosted.</summary>
public sealed record DaemonOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Re-reads the configuration for <c>reload</c> (default: the same file, process environment).</summary>
    public Func<string, ConfigLoadResult> LoadConfig { get; init; } =
        path => ConfigLoader.FromProcessEnvironment().Load(path);

    /// <summary>Start autostart programs once the daemon is up.</summary>
    public bool Autostart { get; init; } = true;

    /// <summary>Jitter source; null for random.</summary>
    public Func<double>? Random { get; init; }

    /// <summary>
    /// Hand back the start-up pages once the autostart programs are started, and again after each busy spell
    /// (<see cref="PageReleaser"/>): the daemon process does, a daemon hosted in a test process does not.
    /// </summary>
    public bool ReleaseStartupPages { get; init; }

    /// <summary>How long leftovers of a killed daemon get after SIGTERM before SIGKILL.</summary>
    public TimeSpan LeftoverGrace { get; init; } = TimeSpan.FromSeconds(10);
}
