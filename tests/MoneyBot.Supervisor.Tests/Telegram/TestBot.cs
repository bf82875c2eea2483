using MoneyBot.Common.Resilience;
using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Tests.Telegram;

/// <summary>
/// The bot the Telegram tests talk as, and quick ways to build a client and an outbox for a fake server.
/// </summary>
public static class TestBot
{
    /// <summary>The secret half of the token: must never show up in text.</summary>
    public const string Secret = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    public const string TokenText = "123456789:" + Secret;

    public static TelegramToken Token { get; } = TelegramToken.Parse(TokenText);

    /// <summary>No per-chat pacing, fast fixed-ratio backoff: for tests on the real clock.</summary>
    public static TelegramOutboxOptions FastOptions { get; } =
        new()
        {
            ChatInterval = TimeSpan.Zero,
            Backoff = new BackoffPolicy(
                TimeSpan.FromMilliseconds(50),
                2,
                TimeSpan.FromSeconds(1),
                0,
                TimeSpan.FromSeconds(60)
            ),
        };

    public static TelegramBotClient Client(FakeTelegramServer server, TimeSpan? requestTimeout = null) =>
        Client(server.BaseUrl, requestTimeout);

    public static TelegramBotClient Client(Uri apiUrl, TimeSpan? requestTimeout = null) =>
        new(Token, apiUrl) { RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10) };

    /// <summary>Queues one message per text to <paramref name="chatId"/>, in order.</summary>
    public static List<OutboxReceipt> EnqueueAll(this TelegramOutbox outbox, ChatId chatId, params string[] texts) =>
        [.. texts.Select(t => outbox.Enqueue(new OutgoingMessage(chatId, t)))];

    /// <summary>A fixed backoff without jitter, for tests on a manual clock.</summary>
    public static BackoffPolicy FixedBackoff(TimeSpan delay) => new(delay, 1, delay, 0, TimeSpan.FromHours(1));
}
