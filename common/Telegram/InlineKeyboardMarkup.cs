namespace MoneyBot.Common.Telegram;

/// <summary>An inline keyboard: rows of buttons shown under a message.</summary>
/// <param name="InlineKeyboard">The rows, top to bottom; each row left to right.</param>
public sealed record InlineKeyboardMarkup(IReadOnlyList<IReadOnlyList<InlineKeyboardButton>> InlineKeyboard)
{
    /// <summary>One row of buttons.</summary>
    public static InlineKeyboardMarkup SingleRow(params InlineKeyboardButton[] buttons) => new([buttons]);
}
