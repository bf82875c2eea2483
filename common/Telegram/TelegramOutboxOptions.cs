using MoneyBot.Common.Resilience;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// How a <see cref="TelegramOutbox"/> queues, paces and retries. Defaults follow Telegram's published limits.
/// </summary>
public sealed record TelegramOutboxOptions
{
    /// <summary>
    /// 1000 queued messages, 1 hour max age, a 10 s retry budget, <see cref="BackoffPolicy.Default"/>, 1/s per chat,
    /// 20/min per group, 30/s overall.
    /// </summary>
    public static TelegramOutboxOptions Default { get; } = new();

    /// <summary>Queued messages beyond this push out the oldest non-critical one.</summary>
    public int Capacity { get; init; } = 1000;

    /// <summary>A non-critical message still unsent after this long is dropped (logged and counted).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a non-critical message may keep failing (network errors, timeouts, 5xx) from its first attempt: a
    /// retry that would come later is not made, the message is dropped (logged and counted). Critical messages retry
    /// without limit. Flood control (429 with <c>retry_after</c>) is waited out and does not count.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Delays between attempts of one message after network errors and 5xx answers. Meanwhile the message waits
    /// behind those queued after it, so a failing message never holds back the rest of its chat.
    /// </summary>
    public BackoffPolicy Backoff { get; init; } = BackoffPolicy.Default;

    /// <summary>Least time between two messages to the same chat.</summary>
    public TimeSpan ChatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most messages per minute to one group or channel.</summary>
    public int GroupMessagesPerMinute { get; init; } = 20;

    /// <summary>Most messages per second over all chats of the bot.</summary>
    public int MessagesPerSecond { get; init; } = 30;

    /// <summary>How long disposing waits for the delivery loops to stop.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a value makes no sense, saying which.</summary>
    public void Validate()
    {
        Check(Capacity >= 1, "Capacity must be at least 1");
        Check(MaxAge > TimeSpan.Zero, "MaxAge must be positive");
        Check(RetryBudget >= TimeSpan.Zero, "RetryBudget must not be negative");
        Check(Backoff is not null, "Backoff is required (BackoffPolicy.Default, say)");
        Check(ChatInterval >= TimeSpan.Zero, "ChatInterval must not be negative");
        Check(GroupMessagesPerMinute >= 1, "GroupMessagesPerMinute must be at least 1");
        Check(MessagesPerSecond >= 1, "MessagesPerSecond must be at least 1");
        Check(StopTimeout >= TimeSpan.Zero, "StopTimeout must not be negative");
    }

    private static void Check(bool ok, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"Telegram outbox options: {problem}.");
        }
    }
}
