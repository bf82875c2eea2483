using System.Text.Json.Serialization.Metadata;

namespace MoneyBot.Common.Telegram;

/// <summary><c>setMyCommands</c>: the command menu the client shows for this bot.</summary>
/// <param name="Commands">At most 100 commands, in menu order.</param>
public sealed record SetMyCommandsRequest(IReadOnlyList<BotCommand> Commands) : TelegramRequest<bool>("setMyCommands")
{
    /// <inheritdoc/>
    public override JsonTypeInfo<TelegramResponse<bool>> ResponseTypeInfo() =>
        TelegramJsonContext.Default.BooleanResponse;

    /// <inheritdoc/>
    public override HttpContent CreateContent() => JsonBody(this, TelegramJsonContext.Default.SetMyCommandsRequest);
}
