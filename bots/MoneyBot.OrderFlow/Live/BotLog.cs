using Microsoft.Extensions.Logging;
using MoneyBot.MarketData;

namespace MoneyBot.OrderFlow.Live;

/// <summary>The bot's lifecycle log messages.</summary>
internal static partial class BotLog
{
    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "starting: {Symbols} on {Market} (REST {Rest}, streams {Streams}); API on {Api}"
    )]
    public static partial void Starting(ILogger logger, string symbols, Market market, Uri rest, Uri streams, Uri api);

    [LoggerMessage(
        Level = LogLevel.Critical,
        Message = "the HTTP API cannot listen on {Url}: {Reason}. Free the port or pick another with --http"
    )]
    public static partial void ApiFailed(ILogger logger, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped after {Trades} trades")]
    public static partial void Stopped(ILogger logger, long trades);
}
