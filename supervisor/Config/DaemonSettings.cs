using System.Net;

namespace MoneyBot.Supervisor.Config;

/// <summary>The <c>supervisor:</c> section, with paths made absolute.</summary>
/// <param name="BaseDirectory">What relative paths in the file are resolved against.</param>
/// <param name="RunDir">Control socket, lock and state file.</param>
/// <param name="LogDir">Program logs and the daemon's own log.</param>
/// <param name="EnvFile">Optional KEY=VALUE file (the process environment wins over it).</param>
/// <param name="Log">Rotation of the daemon's own log (<c>supervisor.log:</c>).</param>
/// <param name="AllowEmpty">
/// <c>allow_empty:</c> a file with no program is accepted (otherwise refused: an empty or truncated file must not
/// stop every bot on reload).
/// </param>
/// <param name="Metrics">
/// <c>metrics:</c> where the daemon serves Prometheus metrics on <c>/metrics</c>; null: off (the default).
/// </param>
public sealed record DaemonSettings(
    string BaseDirectory,
    string RunDir,
    string LogDir,
    string? EnvFile,
    LogSettings Log,
    bool AllowEmpty = false,
    IPEndPoint? Metrics = null
)
{
    public string SocketPath => SocketIn(RunDir);

    /// <summary>The control socket's path in a run directory.</summary>
    public static string SocketIn(string runDir) => Path.Combine(runDir, "moneybot.sock");

    /// <summary>Where the programs' notify sockets are, in a run directory.</summary>
    public static string NotifyDirectoryIn(string runDir) => Path.Combine(runDir, "notify");

    /// <summary>The notify socket of program <paramref name="name"/> in a run directory.</summary>
    public static string NotifySocketIn(string runDir, string name) =>
        Path.Combine(NotifyDirectoryIn(runDir), name + ".sock");

    public string LockPath => Path.Combine(RunDir, "moneybot.lock");

    public string StatePath => Path.Combine(RunDir, "state.json");

    public string DaemonLogPath => Path.Combine(LogDir, "supervisor.log");
}
