namespace MoneyBot.Supervisor.Config;

/// <summary>When a program that exited is started again (<c>restart:</c>).</summary>
public enum RestartMode
{
    /// <summary><c>always</c>: every exit is unexpected and leads to a restart.</summary>
    Always,

    /// <summary><c>on-failure</c>: exits with a code in <c>exit_codes</c> are expected (EXITED).</summary>
    OnFailure,

    /// <summary><c>never</c>: any exit ends in EXITED.</summary>
    Never,
}
