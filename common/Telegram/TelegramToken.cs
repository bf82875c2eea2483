using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// A bot token <c>123456:ABC-DEF...</c>. It shows itself only as <c>123456:***</c> (the bot id is
/// public); the secret is reachable only inside this assembly, to build request URLs.
/// </summary>
public sealed class TelegramToken
{
    private TelegramToken(string value, long botId)
    {
        Value = value;
        BotId = botId;
        Masked = string.Create(CultureInfo.InvariantCulture, $"{botId}:***");
    }

    /// <summary>The bot's numeric id (the part before the colon; not a secret).</summary>
    public long BotId { get; }

    /// <summary>The token as it may be shown: <c>123456:***</c>.</summary>
    public string Masked { get; }

    /// <summary>The secret itself; never log it, never put it in an exception.</summary>
    internal string Value { get; }

    /// <summary>Parses a token; the error message never repeats the text.</summary>
    public static TelegramToken Parse(string text) =>
        TryParse(text, out var token)
            ? token
            : throw new FormatException(
                "The Telegram bot token is malformed: it looks like 123456:ABC-DEF1234ghIkl (digits, a colon, "
                    + "then letters, digits, '-' and '_'). Copy it again from @BotFather."
            );

    /// <summary>Parses a token (surrounding spaces allowed).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TelegramToken? token)
    {
        token = null;
        var s = text?.Trim();
        var colon = s?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (
            s is null
            || colon < 1
            || colon == s.Length - 1
            || !long.TryParse(s.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var botId)
            || !s.AsSpan(colon + 1).ContainsOnlyTokenCharacters()
        )
        {
            return false;
        }

        token = new TelegramToken(s, botId);
        return true;
    }

    /// <summary>Returns <c>123456:***</c>.</summary>
    public override string ToString() => Masked;

    /// <summary>The text with every occurrence of the token replaced by <see cref="Masked"/>.</summary>
    internal string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Replace(Value, Masked, StringComparison.Ordinal);
}
