using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary><c>editMessageText</c>: replaces the text (and buttons) of a message the bot sent.</summary>
/// <param name="ChatId">The message's chat.</param>
/// <param name="MessageId">The message to change.</param>
/// <param name="Text">The new text.</param>
public sealed record EditMessageTextRequest(ChatId ChatId, long MessageId, string Text)
    : TelegramRequest<Message>("editMessageText")
{
    /// <summary>"HTML" (default), "MarkdownV2", or null for plain text.</summary>
    public string? ParseMode { get; init; } = TelegramHtml.ParseMode;

    /// <summary>The new buttons; null removes them.</summary>
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }

    /// <inheritdoc/>
    public override JsonTypeInfo<TelegramResponse<Message>> ResponseTypeInfo() =>
        TelegramJsonContext.Default.MessageResponse;

    /// <inheritdoc/>
    public override HttpContent CreateContent() => JsonBody(this, TelegramJsonContext.Default.EditMessageTextRequest);
}
