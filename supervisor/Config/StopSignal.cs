namespace MoneyBot.Supervisor.Config;

/// <summary>Signals a program may be stopped with (<c>stop_signal:</c>); values are Linux signal numbers.</summary>
public enum StopSignal
{
    /// <summary>SIGHUP.</summary>
    Hup = 1,

    /// <summary>SIGINT.</summary>
    Int = 2,

    /// <summary>SIGQUIT.</summary>
    Quit = 3,

    /// <summary>SIGKILL.</summary>
    Kill = 9,

    /// <summary>SIGUSR1.</summary>
    Usr1 = 10,

    /// <summary>SIGUSR2.</summary>
    Usr2 = 12,

    /// <summary>SIGTERM.</summary>
    Term = 15,
}
