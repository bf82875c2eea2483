namespace MoneyBot.Common.Telegram;

/// <summary>A Telegram user or bot (<c>User</c> in the Bot API).</summary>
/// <param name="Id">Unique user id.</param>
/// <param name="IsBot">True for bots.</param>
/// <param name="FirstName">First name (always present).</param>
/// <param name="Username">Username without the @, when the user has one.</param>
public sealed record User(long Id, bool IsBot, string FirstName, string? Username = null);
