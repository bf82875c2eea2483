namespace MoneyBot.Supervisor.Config;

/// <summary>How one log file is kept (<c>logs:</c>).</summary>
/// <param name="MaxSize">Size at which the file is rotated.</param>
/// <param name="Backups">How many rotated files (<c>.1</c> .. <c>.N</c>) are kept.</param>
/// <param name="Timestamps">Prefix each line with its UTC arrival time.</param>
/// <param name="Stderr">Separate stderr file, or merged into stdout's.</param>
public sealed record LogSettings(long MaxSize, int Backups, bool Timestamps, StderrMode Stderr)
{
    /// <summary><c>{ max_size: 10MB, backups: 3, timestamps: true, stderr: separate }</c>.</summary>
    public static LogSettings Default { get; } = new(10L * 1024 * 1024, 3, true, StderrMode.Separate);
}
