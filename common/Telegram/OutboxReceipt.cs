namespace MoneyBot.Common.Telegram;

/// <summary>What <see cref="TelegramOutbox.Enqueue"/> hands back: the eventual fate of the message.</summary>
public sealed class OutboxReceipt
{
    internal OutboxReceipt(Task<long?> sent) => Sent = sent;

    /// <summary>
    /// Completes with the message_id Telegram gave the (first part of the) message, to edit it later;
    /// with null when the message was dropped or the outbox stopped before any part went out. Never faults.
    /// </summary>
    public Task<long?> Sent { get; }
}
