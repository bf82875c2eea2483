using Microsoft.Extensions.Logging;
using MoneyBot.MarketData;

namespace MoneyBot.ExtGap.Live;

/// <summary>
/// The live bot's log lines (source-generated). The Telegram token never appears: only its masked form.
/// </summary>
internal static partial class LiveLog
{
    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "extgap {Symbol} {Timeframe} on {Market}: REST {Rest}, stream {WebSocket}; gaps {Gaps}, trades "
            + "{Trades}, state {State}"
    )]
    public static partial void Starting(
        ILogger logger,
        string symbol,
        string timeframe,
        Market market,
        Uri rest,
        Uri webSocket,
        string gaps,
        string trades,
        string state
    );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "resuming from the saved state: last candle opened at {LastOpenTime:O}, {Position}; missed "
            + "candles are fetched by REST"
    )]
    public static partial void Resumed(ILogger logger, DateTimeOffset? lastOpenTime, string position);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "no state at {Path}: starting fresh with the stream's next closed candle"
    )]
    public static partial void FreshStart(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "cannot start: {Reason}")]
    public static partial void CannotStart(ILogger logger, string reason);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "stopping ({Reason}): closing the stream, flushing the CSV files, saving the state"
    )]
    public static partial void Stopping(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "cannot go on: {Reason}")]
    public static partial void Fatal(ILogger logger, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not save the state on the way out: {Reason}")]
    public static partial void FinalSaveFailed(ILogger logger, string reason);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "stopped after {Candles} candles ({Gaps} gaps, {Trades} closed trades) in this run"
    )]
    public static partial void Stopped(ILogger logger, long candles, int gaps, int trades);

    [LoggerMessage(Level = LogLevel.Debug, Message = "candle {OpenTime:O} O {Open} H {High} L {Low} C {Close}")]
    public static partial void Candle(
        ILogger logger,
        DateTimeOffset openTime,
        decimal open,
        decimal high,
        decimal low,
        decimal close
    );

    [LoggerMessage(Level = LogLevel.Debug, Message = "candle {OpenTime:O} ignored: {Admission}")]
    public static partial void CandleIgnored(
        ILogger logger,
        DateTimeOffset openTime,
        Detection.CandleAdmission admission
    );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Polarity} gap at {Level} (opening bar {OpeningBar:O}, #{Sequence}{Kind})"
    )]
    public static partial void Gap(
        ILogger logger,
        Detection.GapPolarity polarity,
        decimal level,
        DateTimeOffset openingBar,
        int sequence,
        string kind
    );

    [LoggerMessage(Level = LogLevel.Information, Message = "opened {Side} at {Price} ({Time:O})")]
    public static partial void Opened(ILogger logger, Trading.PositionSide side, decimal price, DateTimeOffset time);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "closed {Side} {Entry} -> {Exit} ({Reason}): realized {Realized:0.00}"
    )]
    public static partial void Closed(
        ILogger logger,
        Trading.PositionSide side,
        decimal entry,
        decimal exit,
        Trading.CloseReason reason,
        decimal realized
    );

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram messages are off: {Problem}")]
    public static partial void TelegramOff(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram messages go through bot {Bot} to {Chats} chat(s)")]
    public static partial void TelegramOn(ILogger logger, string bot, int chats);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "the stop message was not delivered within {Timeout}; leaving without it"
    )]
    public static partial void StopMessageTimedOut(ILogger logger, TimeSpan timeout);
}
