namespace MoneyBot.Supervisor.Export;

/// <summary>How <see cref="SystemdUnits"/> writes the units.</summary>
/// <param name="User">
/// Units for <c>systemctl --user</c> (<c>WantedBy=default.target</c>) instead of system units.
/// </param>
/// <param name="Journal">Programs' output to the journal instead of the supervisor's log files.</param>
/// <param name="Prefix">Start of every unit's name: <c>moneybot-</c> gives <c>moneybot-extgap-3m.service</c>.</param>
public sealed record SystemdExportOptions(bool User = false, bool Journal = false, string Prefix = "moneybot-")
{
    /// <summary>System units, log files, the <c>moneybot-</c> prefix.</summary>
    public static SystemdExportOptions Default { get; } = new();

    /// <summary>
    /// Finds a bare command (no <c>/</c>) on a PATH; null when not found. By default: the PATH of the program's
    /// <c>env:</c>, else the exporting process's.
    /// </summary>
    public Func<string, string?, string?> ResolveCommand { get; init; } = SystemdSyntax.FindOnPath;
}
