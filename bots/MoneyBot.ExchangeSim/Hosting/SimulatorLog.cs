using Microsoft.Extensions.Logging;

namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>The simulator's log messages (source-generated).</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(
        1,
        LogLevel.Information,
        "Simulated exchange listening on {Url}: speed {Speed}x, seed {Seed}, symbols {Symbols}, market time "
            + "{Start:O}, history from {HistoryStart:O}"
    )]
    public static partial void Started(
        this ILogger logger,
        Uri url,
        double speed,
        int seed,
        string symbols,
        DateTimeOffset start,
        DateTimeOffset historyStart
    );

    [LoggerMessage(2, LogLevel.Information, "Websocket {Id} opened ({Kind}) with streams {Streams}")]
    public static partial void ConnectionOpened(this ILogger logger, long id, string kind, string streams);

    [LoggerMessage(3, LogLevel.Information, "Websocket {Id} closed")]
    public static partial void ConnectionClosed(this ILogger logger, long id);

    [LoggerMessage(
        4,
        LogLevel.Warning,
        "Websocket {Id} dropped: more than {Capacity} messages queued (client too slow)"
    )]
    public static partial void SlowConsumerDropped(this ILogger logger, long id, int capacity);

    [LoggerMessage(5, LogLevel.Information, "Websocket {Id} closed after the maximum connection age {MaxAge}")]
    public static partial void MaxAgeReached(this ILogger logger, long id, TimeSpan maxAge);

    [LoggerMessage(6, LogLevel.Warning, "Fault injected: {Fault} {Detail}")]
    public static partial void FaultInjected(this ILogger logger, string fault, string detail);

    [LoggerMessage(7, LogLevel.Error, "Market step failed; the next step retries")]
    public static partial void StepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Simulated exchange stopped")]
    public static partial void Stopped(this ILogger logger);
}
