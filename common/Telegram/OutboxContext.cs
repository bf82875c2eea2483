using Microsoft.Extensions.Logging;

namespace MoneyBot.Common.Telegram;

/// <summary>What the delivery lanes of one outbox share.</summary>
internal sealed class OutboxContext(
    TelegramBotClient client,
    TelegramOutboxOptions options,
    TimeProvider time,
    ILogger logger
)
{
    private readonly long _origin = time.GetTimestamp();

    public TelegramBotClient Client => client;

    public TelegramOutboxOptions Options => options;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    public long BotId => client.Token.BotId;

    public OutboxQueue Queue { get; } = new(options.Capacity);

    public OutboxStats Stats { get; } = new();

    /// <summary>The limit over all chats of the bot.</summary>
    public RatePacer Global { get; } = new((options.MessagesPerSecond, TimeSpan.FromSeconds(1)));

    /// <summary>Monotonic time since the outbox was created.</summary>
    public TimeSpan Now() => time.GetElapsedTime(_origin);
}
