using Microsoft.Extensions.Logging;

namespace MoneyBot.OrderFlow.Live;

/// <summary>The whale alerts' log lines (source-generated). The Telegram token appears only masked.</summary>
internal static partial class WhaleAlertLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "whale alerts to Telegram are off: {Problem}")]
    public static partial void TelegramOff(ILogger logger, string problem);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "whale alerts ({Tier} and up, grouped over {Window}) go through bot {Bot} to {Chats} chat(s)"
    )]
    public static partial void TelegramOn(ILogger logger, string tier, TimeSpan window, string bot, int chats);

    [LoggerMessage(Level = LogLevel.Debug, Message = "whale alert for {Symbol}: {Trades} trade(s)")]
    public static partial void BurstSent(ILogger logger, string symbol, int trades);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "more than {MaxPerMinute} whale alert messages a minute: holding the next bursts back for "
            + "{Hold} and summing them up in one message"
    )]
    public static partial void Holding(ILogger logger, int maxPerMinute, TimeSpan hold);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "whale alerts resume: {Bursts} held burst(s) of {Trades} trade(s) summed up in one message"
    )]
    public static partial void HeldReleased(ILogger logger, int bursts, int trades);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "whale alerts stopped with {Trades} trade(s) in {Bursts} burst(s) not sent"
    )]
    public static partial void StoppedWithUnsent(ILogger logger, int trades, int bursts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the last whale alerts were not delivered within {Timeout}")]
    public static partial void FlushTimedOut(ILogger logger, TimeSpan timeout);
}
