using System.Diagnostics.CodeAnalysis;
using MoneyBot.Common.Telegram;

namespace MoneyBot.Common.Bots;

/// <summary>
/// The bot's own Telegram bot and chats, from <c>TELEGRAM_BOT_TOKEN</c>, <c>TELEGRAM_CHAT_IDS</c> (comma list)
/// and <c>TELEGRAM_API_URL</c> (optional). Either enabled, or off with the reason (<see cref="Problem"/>).
/// </summary>
public sealed record BotTelegramSettings
{
    /// <summary>The environment variable holding the token.</summary>
    public const string TokenVariable = "TELEGRAM_BOT_TOKEN";

    /// <summary>The environment variable holding the chat ids.</summary>
    public const string ChatsVariable = "TELEGRAM_CHAT_IDS";

    /// <summary>
    /// The environment variable holding the Bot API base URL (a local Bot API server, a fake in tests).
    /// </summary>
    public const string ApiUrlVariable = "TELEGRAM_API_URL";

    private BotTelegramSettings(TelegramToken? token, IReadOnlyList<ChatId> chats, Uri? apiUrl, string? problem)
    {
        Token = token;
        Chats = chats;
        ApiUrl = apiUrl;
        Problem = problem;
    }

    /// <summary>The bot's token (shows itself masked); null when off.</summary>
    public TelegramToken? Token { get; }

    /// <summary>Where every message goes, each chat independently.</summary>
    public IReadOnlyList<ChatId> Chats { get; }

    /// <summary>The Bot API base URL; null: Telegram's.</summary>
    public Uri? ApiUrl { get; }

    /// <summary>Why messages are off; null when enabled.</summary>
    public string? Problem { get; }

    /// <summary>True when there is a token and at least one chat.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    public bool IsEnabled => Token is not null && Chats.Count > 0;

    /// <summary>Messages go to <paramref name="chats"/> through the bot <paramref name="token"/>.</summary>
    public static BotTelegramSettings Enabled(TelegramToken token, IReadOnlyList<ChatId> chats, Uri? apiUrl = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(chats);
        return chats.Count == 0
            ? throw new ArgumentException("Give at least one chat id.", nameof(chats))
            : new BotTelegramSettings(token, chats, apiUrl, null);
    }

    /// <summary>No messages, because of <paramref name="problem"/>.</summary>
    public static BotTelegramSettings Off(string problem) => new(null, [], null, problem);

    /// <summary>
    /// Reads the three variables; anything missing or malformed turns messages off with a reason that never repeats the
    /// token.
    /// </summary>
    public static BotTelegramSettings FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var tokenText = variable(TokenVariable);
        var chatsText = variable(ChatsVariable);
        if (string.IsNullOrWhiteSpace(tokenText) || string.IsNullOrWhiteSpace(chatsText))
        {
            var missing =
                string.IsNullOrWhiteSpace(tokenText) && string.IsNullOrWhiteSpace(chatsText)
                    ? $"{TokenVariable} and {ChatsVariable} are not set"
                    : $"{(string.IsNullOrWhiteSpace(tokenText) ? TokenVariable : ChatsVariable)} is not set";
            return Off($"{missing}; set both to receive the bot's messages");
        }

        if (!TelegramToken.TryParse(tokenText, out var token))
        {
            return Off(
                $"{TokenVariable} is malformed (expected digits, a colon, then letters, digits, '-' and '_', like "
                    + $"123456:ABC-DEF); copy it again from @BotFather"
            );
        }

        var chats = new List<ChatId>();
        foreach (
            var part in chatsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        )
        {
            if (!ChatId.TryParse(part, out var chat))
            {
                return Off(
                    $"{ChatsVariable} has '{part}', which is not a chat id (write numbers, -100... for groups, or "
                        + $"@channel, separated by commas)"
                );
            }

            chats.Add(chat);
        }

        if (chats.Count == 0)
        {
            return Off($"{ChatsVariable} lists no chat id");
        }

        var urlText = variable(ApiUrlVariable);
        if (string.IsNullOrWhiteSpace(urlText))
        {
            return Enabled(token, chats.Distinct().ToList());
        }

        return
            Uri.TryCreate(urlText.Trim(), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? Enabled(token, chats.Distinct().ToList(), url)
            : Off(
                $"{ApiUrlVariable} '{urlText}' is not an absolute http(s) URL like {TelegramBotClient.DefaultApiUrl}"
            );
    }
}
