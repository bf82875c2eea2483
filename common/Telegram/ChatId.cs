using System.Globalization;
using System.Text.Json.Serialization;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// Where a message goes: a numeric chat id (negative for groups and channels) or a public
/// channel's <c>@name</c>. Serialised as a JSON number or string accordingly.
/// </summary>
[JsonConverter(typeof(ChatIdJsonConverter))]
public readonly record struct ChatId
{
    private ChatId(long id, string? username)
    {
        Id = id;
        Username = username;
    }

    /// <summary>The numeric id; 0 when this is an <c>@name</c>.</summary>
    public long Id { get; }

    /// <summary>The <c>@name</c> (with the @), or null for a numeric id.</summary>
    public string? Username { get; }

    /// <summary>
    /// Groups, supergroups and channels (negative ids and <c>@names</c>): Telegram allows them fewer messages per
    /// minute.
    /// </summary>
    public bool IsGroupOrChannel => Username is not null || Id < 0;

    /// <summary>A numeric chat id.</summary>
    public static ChatId FromId(long id) => new(id, null);

    /// <summary>A numeric chat id.</summary>
    public static implicit operator ChatId(long id) => FromId(id);

    /// <summary>
    /// Parses <c>123</c>, <c>-1001234</c> or <c>@channel</c>; throws <see cref="FormatException"/> otherwise.
    /// </summary>
    public static ChatId Parse(string text) =>
        TryParse(text, out var chatId)
            ? chatId
            : throw new FormatException(
                $"'{text}' is not a Telegram chat id: write a number (-100... for groups and channels) or @channelname."
            );

    /// <summary>Parses <c>123</c>, <c>-1001234</c> or <c>@channel</c> (surrounding spaces allowed).</summary>
    public static bool TryParse(string? text, out ChatId chatId)
    {
        chatId = default;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        if (s[0] == '@')
        {
            if (s.Length < 2 || !s.AsSpan(1).ContainsOnlyNameCharacters())
            {
                return false;
            }

            chatId = new ChatId(0, s);
            return true;
        }

        if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            return false;
        }

        chatId = new ChatId(id, null);
        return true;
    }

    /// <summary>The id as Telegram takes it in a form field: digits or <c>@name</c>.</summary>
    public override string ToString() => Username ?? Id.ToString(CultureInfo.InvariantCulture);
}
