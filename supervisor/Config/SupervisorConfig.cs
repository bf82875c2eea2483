using System.Net;

namespace MoneyBot.Supervisor.Config;

/// <summary>A whole validated configuration file.</summary>
/// <param name="SourcePath">Absolute path of the YAML file it came from.</param>
/// <param name="Daemon">The <c>supervisor:</c> section.</param>
/// <param name="Programs">Programs in file order.</param>
/// <param name="Secrets">Values to mask wherever text leaves the daemon (tokens from the environment).</param>
public sealed record SupervisorConfig(
    string SourcePath,
    DaemonSettings Daemon,
    IReadOnlyList<ProgramConfig> Programs,
    IReadOnlyList<string> Secrets
)
{
    /// <summary>The <c>telegram:</c> section (off when absent).</summary>
    public TelegramSettings Telegram { get; init; } = TelegramSettings.Disabled;

    /// <summary>
    /// The names of the variables the file refers to with <c>${...}</c> (never their values), in first-use order.
    /// </summary>
    public IReadOnlyList<string> Variables { get; init; } = [];

    public ProgramConfig? Find(string name) => Programs.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// Why the daemon refuses to start with this file, or to reload to it: it defines no program and
    /// <c>supervisor.allow_empty</c> is not true (an emptied or cut-off file must not stop every bot). Null when
    /// acceptable.
    /// </summary>
    public string? EmptyRefusal =>
        Programs.Count == 0 && !Daemon.AllowEmpty
            ? "no program is defined: the daemon refuses to start with, or reload to, a file with nothing to "
                + "supervise (an emptied or cut-off file would stop every bot); add programs, or set "
                + "supervisor.allow_empty: true if you mean it"
            : null;

    /// <summary>
    /// What is accepted but unsafe, checked now: an env file that users other than its owner may read or write (it
    /// holds the bots' tokens); metrics served beyond the loopback interface.
    /// </summary>
    public IReadOnlyList<string> Warnings()
    {
        const UnixFileMode OthersAccess =
            UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        var warnings = new List<string>();
        try
        {
            if (
                Daemon.EnvFile is { } envFile
                && File.Exists(envFile)
                && (File.GetUnixFileMode(envFile) & OthersAccess) is var open and not 0
            )
            {
                var who = (open & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0 ? "every user" : "its group";
                warnings.Add(
                    $"{envFile} is open to {who} (mode {Octal(File.GetUnixFileMode(envFile))}) and holds the "
                        + $"bots' secrets: chmod 600 {envFile}"
                );
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable metadata: the loader has already reported the file itself.
        }

        if (Daemon.Metrics is { } metrics && !IPAddress.IsLoopback(metrics.Address))
        {
            warnings.Add(
                $"supervisor.metrics: {metrics} is reachable from other machines and has no authentication (anyone "
                    + "who reaches it sees the programs' names and states); keep it on 127.0.0.1 unless a firewall "
                    + "guards the port"
            );
        }

        return warnings;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
