namespace MoneyBot.OrderFlow.Cli;

/// <summary>The <c>orderflow</c> exit codes (the same contract as <c>moneybot</c>'s and <c>extgap</c>'s).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The operation failed (a bad input line, the bot not reachable...); the output says why.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: unknown option, missing or invalid value.</summary>
    public const int Usage = 2;
}
