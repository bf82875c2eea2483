namespace MoneyBot.Supervisor.Cli;

/// <summary>The CLI's exit codes (the spec's contract).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed (the output says why).</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or an invalid configuration.</summary>
    public const int Usage = 2;
}
