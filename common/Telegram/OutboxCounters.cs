namespace MoneyBot.Common.Telegram;

/// <summary>A snapshot of a <see cref="TelegramOutbox"/>'s counters, for status and health reports.</summary>
/// <param name="Sent">Telegram messages sent or edited (a split text counts each part).</param>
/// <param name="Dropped">Messages given up: too old, refused by Telegram, or pushed out of a full queue.</param>
/// <param name="Retries">Repeated attempts after flood control, network errors and server errors.</param>
/// <param name="Pending">Messages queued or being delivered.</param>
public readonly record struct OutboxCounters(long Sent, long Dropped, long Retries, int Pending);
