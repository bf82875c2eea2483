using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary><c>answerCallbackQuery</c>: stops the button's spinner, optionally with a short notice.</summary>
/// <param name="CallbackQueryId">The <see cref="CallbackQuery.Id"/> being answered.</param>
public sealed record AnswerCallbackQueryRequest(string CallbackQueryId) : TelegramRequest<bool>("answerCallbackQuery")
{
    /// <summary>A notice shown to the user (0-200 characters).</summary>
    public string? Text { get; init; }

    /// <inheritdoc/>
    public override JsonTypeInfo<TelegramResponse<bool>> ResponseTypeInfo() =>
        TelegramJsonContext.Default.BooleanResponse;

    /// <inheritdoc/>
    public override HttpContent CreateContent() =>
        JsonBody(this, TelegramJsonContext.Default.AnswerCallbackQueryRequest);
}
