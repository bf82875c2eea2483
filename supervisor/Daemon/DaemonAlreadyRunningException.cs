namespace MoneyBot.Supervisor.Daemon;

/// <summary>Another daemon holds this configuration's lock.</summary>
public sealed class DaemonAlreadyRunningException : Exception
{
    public DaemonAlreadyRunningException(string message)
        : base(message) { }

    public DaemonAlreadyRunningException() { }

    public DaemonAlreadyRunningException(string message, Exception innerException)
        : base(message, innerException) { }
}
