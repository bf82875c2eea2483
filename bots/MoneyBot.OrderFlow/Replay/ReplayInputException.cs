namespace MoneyBot.OrderFlow.Replay;

/// <summary>A line of the replay input cannot be read; the message names the file and line.</summary>
public sealed class ReplayInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayInputException() { }

    /// <summary>Creates the exception with its message.</summary>
    public ReplayInputException(string message)
        : base(message) { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ReplayInputException(string message, Exception innerException)
        : base(message, innerException) { }

    /// <summary>"FILE:LINE: reason".</summary>
    public static ReplayInputException At(string path, long line, string reason) => new($"{path}:{line}: {reason}");
}
