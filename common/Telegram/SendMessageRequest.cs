using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// <c>sendMessage</c>: a text message (HTML by default; escape dynamic values with <see cref="TelegramHtml.Escape"/>).
/// </summary>
/// <param name="ChatId">Where to send it.</param>
/// <param name="Text">1-4096 characters after entity parsing.</param>
public sealed record SendMessageRequest(ChatId ChatId, string Text) : TelegramRequest<Message>("sendMessage")
{
    /// <summary>"HTML" (default), "MarkdownV2", or null for plain text.</summary>
    public string? ParseMode { get; init; } = TelegramHtml.ParseMode;

    /// <summary>Deliver without sound.</summary>
    public bool DisableNotification { get; init; }

    /// <summary>Buttons under the message.</summary>
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }

    /// <inheritdoc/>
    public override JsonTypeInfo<TelegramResponse<Message>> ResponseTypeInfo() =>
        TelegramJsonContext.Default.MessageResponse;

    /// <inheritdoc/>
    public override HttpContent CreateContent() => JsonBody(this, TelegramJsonContext.Default.SendMessageRequest);
}
