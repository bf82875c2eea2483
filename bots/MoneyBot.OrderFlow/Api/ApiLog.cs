using Microsoft.Extensions.Logging;

namespace MoneyBot.OrderFlow.Api;

/// <summary>The API host's log messages (source-generated).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(
        1,
        LogLevel.Information,
        "Order-flow API listening on {Url} (read-only: /status, /metrics, /metrics/{{symbol}}, /conditions/{{symbol}})"
    )]
    public static partial void Listening(this ILogger logger, Uri url);

    [LoggerMessage(2, LogLevel.Information, "Order-flow API stopped")]
    public static partial void Stopped(this ILogger logger);
}
