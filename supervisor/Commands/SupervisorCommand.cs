namespace MoneyBot.Supervisor.Commands;

/// <summary>
/// What an operator can ask of the supervisor, from whichever edge: the control socket (the CLI) and the admin
/// bot's chat each parse their own words into these records, and one <see cref="CommandHandler"/> carries them
/// out. The family is closed (the constructor is private): a new command is added here, and the compiler then
/// points at every switch that must learn it.
/// </summary>
public abstract record SupervisorCommand
{
    private SupervisorCommand() { }

    /// <summary>Is a daemon there? (The CLI's liveness probe.)</summary>
    public sealed record Ping : SupervisorCommand;

    /// <summary>Every program's status, or one program's.</summary>
    public sealed record Status(string? Program = null) : SupervisorCommand;

    /// <summary>One line per autostart program that is not RUNNING or has stopped pinging its watchdog.</summary>
    public sealed record Health : SupervisorCommand;

    /// <summary>Start the autostart programs that are not running (those an operator stopped stay stopped).</summary>
    public sealed record Up : SupervisorCommand;

    /// <summary>Start a program, a group or <c>all</c>, and wait until they run.</summary>
    public sealed record Start(string Target) : SupervisorCommand;

    /// <summary>Stop a program, a group or <c>all</c>; they stay stopped across daemon restarts.</summary>
    public sealed record Stop(string Target) : SupervisorCommand;

    /// <summary>Stop, then start, a program, a group or <c>all</c>.</summary>
    public sealed record Restart(string Target) : SupervisorCommand;

    /// <summary>Re-read the configuration file and apply it, or refuse it whole.</summary>
    public sealed record Reload : SupervisorCommand;

    /// <summary>Stop every program in reverse dependency order, then the daemon.</summary>
    public sealed record Down : SupervisorCommand;

    /// <summary>The health report or the daily summary that Telegram receives on schedule.</summary>
    public sealed record Report(ReportKind Kind) : SupervisorCommand;

    /// <summary>The last <paramref name="Lines"/> lines of a program's log, across rotated files.</summary>
    public sealed record Logs(string Program, int Lines = Logs.DefaultLines, bool Stderr = false) : SupervisorCommand
    {
        public const int DefaultLines = 20;

        /// <summary>The most lines one request returns.</summary>
        public const int MaxLines = 2000;
    }
}

/// <summary>Which report <see cref="SupervisorCommand.Report"/> asks for.</summary>
public enum ReportKind
{
    Health,
    Daily,
}
