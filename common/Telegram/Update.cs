namespace MoneyBot.Common.Telegram;

/// <summary>One incoming update from getUpdates; kinds we do not use are ignored.</summary>
/// <param name="UpdateId">Increasing id; confirm by asking for <c>offset = UpdateId + 1</c>.</param>
/// <param name="Message">A new message, if that is what this update is.</param>
/// <param name="CallbackQuery">A button press, if that is what this update is.</param>
public sealed record Update(long UpdateId, Message? Message = null, CallbackQuery? CallbackQuery = null);
