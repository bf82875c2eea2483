namespace MoneyBot.Common.Telegram;

/// <summary>A message for <see cref="TelegramOutbox.Enqueue"/>.</summary>
/// <param name="ChatId">Where it goes.</param>
/// <param name="Text">HTML text, dynamic values already escaped; longer than 4096 characters is split into several
/// messages. With a <see cref="Document"/>, its caption (at most 1024 characters).</param>
public sealed record OutgoingMessage(ChatId ChatId, string Text)
{
    /// <summary>Deliver without sound.</summary>
    public bool DisableNotification { get; init; }

    /// <summary>Buttons (under the last message, when the text is split).</summary>
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }

    /// <summary>Never dropped while the process lives (FATAL, watchdog); retried until delivered.</summary>
    public bool Critical { get; init; }

    /// <summary>
    /// Edit this earlier message (editMessageText) instead of sending a new one; an edit whose text
    /// Telegram finds unchanged counts as done. The parts of a split text after the first are sent as new messages.
    /// </summary>
    public long? EditMessageId { get; init; }

    /// <summary>
    /// Upload this file (sendDocument) with <see cref="OutgoingMessage.Text"/> as its caption instead of sending a
    /// text; paced, retried and dropped like any message. <see cref="EditMessageId"/> and
    /// <see cref="ReplyMarkup"/> do not apply.
    /// </summary>
    public OutgoingDocument? Document { get; init; }
}

/// <summary>A file for <see cref="OutgoingMessage.Document"/>.</summary>
/// <param name="FileName">Name shown for the file.</param>
/// <param name="Content">The file's bytes (at most 50 MB).</param>
public sealed record OutgoingDocument(string FileName, ReadOnlyMemory<byte> Content);
