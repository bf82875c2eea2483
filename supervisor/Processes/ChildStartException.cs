namespace MoneyBot.Supervisor.Processes;

/// <summary>A program could not be started at all (missing executable, bad working directory...).</summary>
public sealed class ChildStartException : Exception
{
    public ChildStartException(string message)
        : base(message) { }

    public ChildStartException(string message, Exception innerException)
        : base(message, innerException) { }

    public ChildStartException() { }
}
