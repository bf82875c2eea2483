namespace MoneyBot.Common.Telegram;

/// <summary>A press on an inline keyboard button (<c>CallbackQuery</c> in the Bot API).</summary>
/// <param name="Id">Id to pass to answerCallbackQuery.</param>
/// <param name="From">Who pressed the button.</param>
/// <param name="Message">The message that carried the button, when it is not too old.</param>
/// <param name="Data">The button's callback_data.</param>
public sealed record CallbackQuery(string Id, User From, Message? Message = null, string? Data = null);
