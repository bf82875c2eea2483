using Microsoft.Extensions.Logging;

namespace MoneyBot.MarketData.Streams;

/// <summary>The log messages of <see cref="BinanceStream{TMessage}"/>.</summary>
internal static partial class BinanceStreamLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "stream {Name}: {From} -> {To} ({Detail})")]
    public static partial void StateChanged(
        ILogger logger,
        string name,
        StreamState from,
        StreamState to,
        string detail
    );

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "stream {Name}: {Reason}; next attempt in {Delay} (failure {Attempt} in a row)"
    )]
    public static partial void Failed(ILogger logger, string name, string reason, TimeSpan delay, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "stream {Name}: {Reason}")]
    public static partial void PlannedReconnect(ILogger logger, string name, string reason);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "stream {Name}: skipped malformed message #{Count} ({Error}): {Excerpt}"
    )]
    public static partial void Malformed(ILogger logger, string name, long count, string error, string excerpt);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "stream {Name}: the consumer is behind; {Count} messages dropped so far"
    )]
    public static partial void Dropped(ILogger logger, string name, long count);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "stream {Name}: unexpected failure in the connection loop; reconnecting"
    )]
    public static partial void Unexpected(ILogger logger, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stream {Name}: the connection loop did not stop within 5s")]
    public static partial void StopTimedOut(ILogger logger, string name);
}
