namespace MoneyBot.TestSupport.Telegram;

/// <summary>A message the fake server accepted through sendMessage.</summary>
public sealed record SentMessage(string Token, string ChatId, string Text, string? ParseMode);
