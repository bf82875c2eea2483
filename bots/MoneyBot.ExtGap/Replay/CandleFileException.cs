namespace MoneyBot.ExtGap.Replay;

/// <summary>A bad row in a candle file; the message reads <c>file:line: problem</c>.</summary>
public sealed class CandleFileException : Exception
{
    /// <summary>An empty exception.</summary>
    public CandleFileException() { }

    /// <summary>An exception with a message.</summary>
    public CandleFileException(string message)
        : base(message) { }

    /// <summary>An exception with a message and its cause.</summary>
    public CandleFileException(string message, Exception innerException)
        : base(message, innerException) { }

    /// <summary>A problem at <paramref name="path"/>:<paramref name="line"/>.</summary>
    public CandleFileException(string path, int line, string problem)
        : base($"{path}:{line}: {problem}")
    {
        FilePath = path;
        Line = line;
    }

    /// <summary>The candle file.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line number.</summary>
    public int Line { get; }
}
