namespace MoneyBot.Common.Telegram;

/// <summary>A chat (<c>Chat</c> in the Bot API).</summary>
/// <param name="Id">Chat id: positive for private chats, negative for groups and channels.</param>
/// <param name="Type">"private", "group", "supergroup" or "channel".</param>
/// <param name="Title">Title of groups and channels.</param>
/// <param name="Username">Username of private chats and public channels, without the @.</param>
public sealed record Chat(long Id, string Type, string? Title = null, string? Username = null);
