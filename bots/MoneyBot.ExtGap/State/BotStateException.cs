namespace MoneyBot.ExtGap.State;

/// <summary>A state file cannot be used (corrupt, another symbol, inconsistent); the message says what to do.</summary>
public sealed class BotStateException : Exception
{
    /// <summary>An empty exception.</summary>
    public BotStateException() { }

    /// <summary>An exception with a message.</summary>
    public BotStateException(string message)
        : base(message) { }

    /// <summary>An exception with a message and its cause.</summary>
    public BotStateException(string message, Exception innerException)
        : base(message, innerException) { }
}
