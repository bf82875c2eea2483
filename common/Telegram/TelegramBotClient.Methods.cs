namespace MoneyBot.Common.Telegram;

/// <summary>Friendly wrappers: each builds one request and sends it through <see cref="SendAsync{T}"/>.</summary>
public sealed partial class TelegramBotClient
{
    /// <summary>The bot's own user: a cheap check that the token and the URL work.</summary>
    public Task<TelegramResult<User>> GetMeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new GetMeRequest(), cancellationToken);

    /// <summary>Sends an HTML text message.</summary>
    public Task<TelegramResult<Message>> SendMessageAsync(
        ChatId chatId,
        string text,
        bool disableNotification = false,
        InlineKeyboardMarkup? replyMarkup = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            new SendMessageRequest(chatId, text)
            {
                DisableNotification = disableNotification,
                ReplyMarkup = replyMarkup,
            },
            cancellationToken
        );

    /// <summary>Replaces the HTML text (and buttons) of a message the bot sent.</summary>
    public Task<TelegramResult<Message>> EditMessageTextAsync(
        ChatId chatId,
        long messageId,
        string text,
        InlineKeyboardMarkup? replyMarkup = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(new EditMessageTextRequest(chatId, messageId, text) { ReplyMarkup = replyMarkup }, cancellationToken);

    /// <summary>Answers a button press, optionally with a short notice.</summary>
    public Task<TelegramResult<bool>> AnswerCallbackQueryAsync(
        string callbackQueryId,
        string? text = null,
        CancellationToken cancellationToken = default
    ) => SendAsync(new AnswerCallbackQueryRequest(callbackQueryId) { Text = text }, cancellationToken);

    /// <summary>
    /// Long polling: updates from <paramref name="offset"/> on, waiting up to <paramref name="timeout"/> for some.
    /// </summary>
    public Task<TelegramResult<IReadOnlyList<Update>>> GetUpdatesAsync(
        long? offset,
        TimeSpan timeout,
        IReadOnlyList<string>? allowedUpdates = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            new GetUpdatesRequest
            {
                Offset = offset,
                TimeoutSeconds = (int)Math.Ceiling(Math.Max(0, timeout.TotalSeconds)),
                AllowedUpdates = allowedUpdates,
            },
            cancellationToken
        );

    /// <summary>Sets the command menu.</summary>
    public Task<TelegramResult<bool>> SetMyCommandsAsync(
        IReadOnlyList<BotCommand> commands,
        CancellationToken cancellationToken = default
    ) => SendAsync(new SetMyCommandsRequest(commands), cancellationToken);

    /// <summary>Uploads a file with an optional HTML caption.</summary>
    public Task<TelegramResult<Message>> SendDocumentAsync(
        ChatId chatId,
        string fileName,
        ReadOnlyMemory<byte> content,
        string? caption = null,
        CancellationToken cancellationToken = default
    ) => SendAsync(new SendDocumentRequest(chatId, fileName, content) { Caption = caption }, cancellationToken);
}
