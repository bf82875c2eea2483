using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>What a command answers: HTML text, optional buttons, or a document for long output.</summary>
public sealed record ChatReply(
    string Html,
    InlineKeyboardMarkup? Buttons = null,
    (string FileName, byte[] Content)? Document = null
);
