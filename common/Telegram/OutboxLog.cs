using Microsoft.Extensions.Logging;

namespace MoneyBot.Common.Telegram;

/// <summary>Log lines of the outbox. Bots are named by their public id; tokens never appear.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "telegram bot {BotId}: message to {Chat} not sent ({Failure}: {Description}); retry {Attempt} "
            + "in {Delay}; the chat's other messages go meanwhile"
    )]
    public static partial void Retrying(
        ILogger logger,
        long botId,
        ChatId chat,
        TelegramFailure failure,
        string description,
        int attempt,
        TimeSpan delay
    );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "telegram bot {BotId}: flood control on {Chat}; resending in {Delay}"
    )]
    public static partial void RateLimited(ILogger logger, long botId, ChatId chat, TimeSpan delay);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "telegram bot {BotId}: delivery to {Chat} works again after {Attempts} failed attempt(s)"
    )]
    public static partial void Recovered(ILogger logger, long botId, ChatId chat, int attempts);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "telegram bot {BotId}: dropped a message to {Chat}: unsent after {Age} (max age {MaxAge}); "
            + "{Dropped} dropped so far"
    )]
    public static partial void DroppedTooOld(
        ILogger logger,
        long botId,
        ChatId chat,
        TimeSpan age,
        TimeSpan maxAge,
        long dropped
    );

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "telegram bot {BotId}: dropped a message to {Chat}: Telegram refused it ({ErrorCode}: "
            + "{Description}); {Dropped} dropped so far"
    )]
    public static partial void DroppedRefused(
        ILogger logger,
        long botId,
        ChatId chat,
        int? errorCode,
        string description,
        long dropped
    );

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "telegram bot {BotId}: dropped a message to {Chat}: still failing after {Attempts} attempt(s) in "
            + "{Elapsed} ({Failure}: {Description}; retry budget {Budget}); {Dropped} dropped so far"
    )]
    public static partial void DroppedGaveUp(
        ILogger logger,
        long botId,
        ChatId chat,
        int attempts,
        TimeSpan elapsed,
        TelegramFailure failure,
        string description,
        TimeSpan budget,
        long dropped
    );

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "telegram bot {BotId}: chat {Chat} is now the supergroup {NewChat}: put that id in the configuration"
    )]
    public static partial void ChatMigrated(ILogger logger, long botId, ChatId chat, long newChat);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "telegram bot {BotId}: outbox full ({Capacity} queued): dropped the oldest non-critical "
            + "message, to {Chat}; {Dropped} dropped so far"
    )]
    public static partial void DroppedQueueFull(ILogger logger, long botId, int capacity, ChatId chat, long dropped);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "telegram bot {BotId}: unexpected error delivering a message to {Chat}; dropped it: {Error}"
    )]
    public static partial void DeliveryFailed(ILogger logger, long botId, ChatId chat, string error);

    [LoggerMessage(
        Level = LogLevel.Debug,
        Message = "telegram bot {BotId}: outbox stopped; a message to {Chat} was not queued"
    )]
    public static partial void EnqueuedAfterStop(ILogger logger, long botId, ChatId chat);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "telegram bot {BotId}: outbox stopped with {Count} message(s) unsent"
    )]
    public static partial void LeftUnsent(ILogger logger, long botId, int count);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "telegram bot {BotId}: delivery loops did not stop within {Timeout}"
    )]
    public static partial void StopTimedOut(ILogger logger, long botId, TimeSpan timeout);
}
