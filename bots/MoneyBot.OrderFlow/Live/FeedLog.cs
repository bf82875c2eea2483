using Microsoft.Extensions.Logging;

namespace MoneyBot.OrderFlow.Live;

/// <summary>The feeds' log messages.</summary>
internal static partial class FeedLog
{
    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "trades stream reconnected after '{Reason}' (data flowed until {GapStart:O}): the next trade's "
            + "id tells what is missing"
    )]
    public static partial void Reconnected(ILogger logger, string reason, DateTimeOffset gapStart);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "the trade consumer fell behind: {Count} messages dropped; the id hole is backfilled at the "
            + "next trade"
    )]
    public static partial void Dropped(ILogger logger, long count);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "a trade of {Symbol}, which the bot does not follow, was ignored"
    )]
    public static partial void UnknownSymbol(ILogger logger, string symbol);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Symbol}: warm-up fetched {Count} trades since {Since:O} by REST"
    )]
    public static partial void WarmedUp(ILogger logger, string symbol, int count, DateTimeOffset since);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Symbol}: warm-up history could not be fetched ({Reason}); the windows fill as trades arrive"
    )]
    public static partial void WarmupFailed(ILogger logger, string symbol, string reason);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Symbol}: backfilled {Count} missed trades (ids {FromId}..{ToId}) by REST"
    )]
    public static partial void Backfilled(ILogger logger, string symbol, int count, long fromId, long toId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Symbol}: backfill failed, {Reason}; counted as missed trades, history coverage restarts"
    )]
    public static partial void BackfillFailed(ILogger logger, string symbol, string reason);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Symbol}: {Reason}; counted as missed trades, history coverage restarts"
    )]
    public static partial void BackfillSkipped(ILogger logger, string symbol, string reason);
}
