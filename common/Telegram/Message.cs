using System.Text.Json.Serialization;

namespace MoneyBot.Common.Telegram;

/// <summary>A message (<c>Message</c> in the Bot API; only the fields we use).</summary>
/// <param name="MessageId">Id of the message inside its chat (what editMessageText takes).</param>
/// <param name="Chat">The chat it belongs to.</param>
/// <param name="From">The sender; absent for messages in channels.</param>
/// <param name="Date">When it was sent, in Unix seconds.</param>
/// <param name="Text">The text, for text messages.</param>
public sealed record Message(long MessageId, Chat Chat, User? From, long Date, string? Text = null)
{
    /// <summary><see cref="Date"/> as a UTC time.</summary>
    [JsonIgnore]
    public DateTimeOffset SentAt => DateTimeOffset.FromUnixTimeSeconds(Date);
}
