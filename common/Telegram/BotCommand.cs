namespace MoneyBot.Common.Telegram;

/// <summary>A command shown in the client's menu (for setMyCommands).</summary>
/// <param name="Command">Name without the slash: 1-32 lowercase letters, digits and underscores.</param>
/// <param name="Description">What it does (3-256 characters).</param>
public sealed record BotCommand(string Command, string Description);
