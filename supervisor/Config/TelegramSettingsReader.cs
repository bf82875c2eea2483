using System.Globalization;
using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Reads <c>telegram:</c>, the supervisor's admin bot. An absent or empty token turns Telegram off
/// (not an error). The token is a secret whatever its variable is called: the loader adds it to
/// <see cref="SupervisorConfig.Secrets"/>, and no message here ever quotes it.
/// </summary>
internal sealed partial class TelegramSettingsReader(NodeReader reader, VariableExpander expander)
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "token",
        "chat_ids",
        "admin_users",
        "api_url",
        "notify",
        "schedules",
        "message_max_age",
        "crash_loop_window",
    ];

    private const string Section = "telegram";
    private const string ChatIdForm =
        "a chat id (a whole number such as 123456789 or -1001234567890) or a channel name such as @my_channel";
    private const string ChatListForm =
        "a comma-separated list of chat ids such as \"123456789, -1001234567890\" or a list such as [123456789, "
        + "\"@my_channel\"]";
    private const string UserListForm =
        "a comma-separated list of user ids such as \"123456789, 987654321\" or a list such as [123456789, 987654321]";

    private string? _token;

    private ConfigDiagnostics Diagnostics => reader.Diagnostics;

    /// <summary>
    /// Reads the section; <paramref name="section"/> is null when the file has none (then Telegram is off).
    /// </summary>
    public TelegramSettings Read(YamlField? section)
    {
        if (section is not { } telegram)
        {
            return TelegramSettings.Disabled;
        }

        var fields = reader.Fields(telegram.Value, Section, Keys).ToDictionary(f => f.Key, StringComparer.Ordinal);
        var settings = TelegramSettings.Disabled;
        var notifyReader = new NotifySettingsReader(reader, IsSecret);

        // The token first, so that no later message can quote it, whatever the order in the file.
        if (
            fields.TryGetValue("token", out var tokenField)
            && reader.String(tokenField.Value, tokenField.Path) is { } text
        )
        {
            _token = text.Trim().Length > 0 ? text.Trim() : null;
            settings = settings with { Token = _token };
        }

        var chatIdsFailed = false;
        foreach (var field in fields.Values)
        {
            var (value, at) = (field.Value, field.Path);
            switch (field.Key)
            {
                case "chat_ids":
                    var chatIds = ChatIds(field);
                    chatIdsFailed = chatIds is null;
                    settings = chatIds is null ? settings : settings with { ChatIds = chatIds };
                    break;
                case "admin_users":
                    settings = AdminUsers(field) is { } users ? settings with { AdminUsers = users } : settings;
                    break;
                case "api_url":
                    settings = ApiUrl(value, at) is { } url ? settings with { ApiUrl = url } : settings;
                    break;
                case "notify":
                    settings = settings with { Notify = notifyReader.Notify(settings.Notify, value, at) };
                    break;
                case "schedules":
                    settings = notifyReader.Schedules(settings, value, at);
                    break;
                case "message_max_age":
                    settings = Positive(value, at) is { } age ? settings with { MessageMaxAge = age } : settings;
                    break;
                case "crash_loop_window":
                    settings = reader.Duration(value, at) is { } window
                        ? settings with
                        {
                            CrashLoopWindow = window,
                        }
                        : settings;
                    break;
            }
        }

        if (_token is not null && settings.ChatIds.Count == 0 && !chatIdsFailed)
        {
            var where = fields.TryGetValue("chat_ids", out var chatField) ? chatField.Value : telegram.KeyNode;
            Diagnostics.Add(
                where,
                ConfigDiagnostics.Child(Section, "chat_ids"),
                "a token is set but no chat ids; set TELEGRAM_ADMIN_CHAT_IDS and write chat_ids: "
                    + "${TELEGRAM_ADMIN_CHAT_IDS}, "
                    + "or list the chats here (else notifications would go nowhere), or leave the token empty to "
                    + "turn Telegram off"
            );
        }

        return settings;
    }

    /// <summary>Admin chats, in order and without repeats; null after an error.</summary>
    private List<string>? ChatIds(YamlField field)
    {
        if (Items(field, ChatListForm) is not { } items)
        {
            return null;
        }

        var chatIds = new List<string>(items.Count);
        var failed = false;
        foreach (var item in items)
        {
            string? chatId =
                ChannelName().IsMatch(item.Text) ? item.Text
                : long.TryParse(item.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
                && id != 0
                    ? id.ToString(CultureInfo.InvariantCulture)
                : null;
            if (chatId is null)
            {
                Diagnostics.Add(item.Node, item.Path, $"expected {ChatIdForm}, found {Describe(item.Text)}");
                failed = true;
            }
            else if (!chatIds.Contains(chatId))
            {
                chatIds.Add(chatId);
            }
        }

        return failed ? null : chatIds;
    }

    /// <summary>User ids allowed to command in group chats; null after an error.</summary>
    private List<long>? AdminUsers(YamlField field)
    {
        if (Items(field, UserListForm) is not { } items)
        {
            return null;
        }

        var users = new List<long>(items.Count);
        var failed = false;
        foreach (var item in items)
        {
            if (long.TryParse(item.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                users.Add(id);
            }
            else
            {
                Diagnostics.Add(
                    item.Node,
                    item.Path,
                    $"expected a Telegram user id (a positive whole number), found {Describe(item.Text)}"
                );
                failed = true;
            }
        }

        return failed ? null : [.. users.Distinct()];
    }

    /// <summary>
    /// The items of a comma-separated value or of a list (whose items may be comma-separated too, such as
    /// <c>["${TELEGRAM_ADMIN_CHAT_IDS}", "@my_channel"]</c>); empty items are skipped. Null after an error.
    /// </summary>
    private List<ListItem>? Items(YamlField field, string expected)
    {
        List<(YamlNode Node, string Path)> parts = field.Value is YamlSequence sequence
            ? [.. sequence.Items.Select((node, i) => (node, ConfigDiagnostics.Item(field.Path, i)))]
            : [(field.Value, field.Path)];
        var items = new List<ListItem>();
        var failed = false;
        foreach (var (node, path) in parts)
        {
            if (node is YamlScalar { IsNull: true })
            {
                continue;
            }

            if (reader.Expanded(node, path, expected) is not { } text)
            {
                failed = true;
                continue;
            }

            items.AddRange(
                text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(piece => new ListItem(piece, node, path))
            );
        }

        return failed ? null : items;
    }

    /// <summary>An absolute http(s) URL; empty means the default. Null after an error.</summary>
    private Uri? ApiUrl(YamlNode node, string path)
    {
        const string Expected = "an absolute http or https URL such as https://api.telegram.org";
        if (reader.String(node, path) is not { } text)
        {
            return null;
        }

        if (text.Trim().Length == 0)
        {
            return TelegramSettings.DefaultApiUrl;
        }

        if (
            Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            && url.Scheme is "http" or "https"
            && url.Host.Length > 0
        )
        {
            return url;
        }

        var raw = node is YamlScalar scalar ? scalar.Value : text;
        Diagnostics.Add(node, path, $"expected {Expected}, found {Describe(raw)}");
        return null;
    }

    private TimeSpan? Positive(YamlNode node, string path)
    {
        if (reader.Duration(node, path) is not { } duration)
        {
            return null;
        }

        if (duration > TimeSpan.Zero)
        {
            return duration;
        }

        Diagnostics.Add(node, path, "must be greater than 0 (" + NodeReader.DurationForm + ")");
        return null;
    }

    /// <summary>Quotes a value for a message, unless it holds a secret.</summary>
    private string Describe(string value) =>
        IsSecret(value) ? "a secret value (not shown)"
        : value.Length == 0 ? "nothing"
        : $"'{value}'";

    /// <summary>True when <paramref name="value"/> holds the token or a secret-looking variable's value.</summary>
    private bool IsSecret(string value) =>
        (_token is not null && value.Contains(_token, StringComparison.Ordinal))
        || expander.Secrets.Any(secret => value.Contains(secret, StringComparison.Ordinal));

    /// <summary>
    /// A public chat's or channel's username: 5 to 32 letters, digits and underscores, starting with a letter.
    /// </summary>
    [GeneratedRegex("^@[A-Za-z][A-Za-z0-9_]{4,31}$")]
    private static partial Regex ChannelName();

    /// <summary>One entry of a chat id or user id list, with the node and path it came from.</summary>
    private readonly record struct ListItem(string Text, YamlNode Node, string Path);
}
