using System.Buffers;
using System.Text;

namespace MoneyBot.Common.Telegram;

/// <summary>Telegram's HTML parse mode: escaping dynamic values and splitting long texts.</summary>
public static class TelegramHtml
{
    /// <summary>The parse_mode value for HTML.</summary>
    public const string ParseMode = "HTML";

    /// <summary>Longest text of one message.</summary>
    public const int MaxMessageLength = 4096;

    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>");
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<>\"");

    /// <summary>Escapes &amp;, &lt; and &gt; so a dynamic value shows as typed inside an HTML message.</summary>
    public static string Escape(string text) => Escape(text, TextSpecials);

    /// <summary>
    /// Escapes like <see cref="Escape"/> and also double quotes, for attribute values (<c>href="..."</c>).
    /// </summary>
    public static string EscapeAttribute(string text) => Escape(text, AttributeSpecials);

    /// <summary>
    /// Splits a text into messages of at most <paramref name="limit"/> characters, at line breaks
    /// (the break between two messages is dropped). A single line longer than that is cut, preferably
    /// at a space and never inside a tag or an entity. Tags left open at a cut (a <c>&lt;pre&gt;</c>
    /// block, say) are closed at the end of one message and opened again at the start of the next.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int limit = MaxMessageLength) =>
        HtmlSplitter.Split(text, limit);

    private static string Escape(string text, SearchValues<char> specials)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(specials);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' when specials == AttributeSpecials => sb.Append("&quot;"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }
}
