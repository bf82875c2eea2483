namespace MoneyBot.Common.Telegram;

/// <summary>A button under a message that sends <paramref name="CallbackData"/> back as a callback query.</summary>
/// <param name="Text">Label on the button.</param>
/// <param name="CallbackData">Data sent back when pressed (1-64 bytes).</param>
public sealed record InlineKeyboardButton(string Text, string? CallbackData = null);
