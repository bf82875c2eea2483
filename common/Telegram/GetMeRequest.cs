using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary><c>getMe</c>: the bot's own user; a cheap check that the token works.</summary>
public sealed record GetMeRequest() : TelegramRequest<User>("getMe")
{
    /// <inheritdoc/>
    public override JsonTypeInfo<TelegramResponse<User>> ResponseTypeInfo() => TelegramJsonContext.Default.UserResponse;

    /// <inheritdoc/>
    public override HttpContent CreateContent() => JsonBody(this, TelegramJsonContext.Default.GetMeRequest);
}
