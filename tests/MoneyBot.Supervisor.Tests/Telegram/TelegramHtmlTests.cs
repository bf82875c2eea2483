using System.Text.RegularExpressions;
using MoneyBot.Common.Telegram;

namespace MoneyBot.Supervisor.Tests.Telegram;

public sealed class TelegramHtmlTests
{
    [Fact]
    public void Escape_turns_ampersands_and_angle_brackets_into_entities()
    {
        Assert.Equal("a &lt; b &amp;&amp; c &gt; \"d\"", TelegramHtml.Escape("a < b && c > \"d\""));
        Assert.Equal("&lt;b&gt;not bold&lt;/b&gt;", TelegramHtml.Escape("<b>not bold</b>"));
    }

    [Fact]
    public void EscapeAttribute_also_escapes_double_quotes()
    {
        Assert.Equal("x?a=1&amp;b=&quot;2&quot;", TelegramHtml.EscapeAttribute("x?a=1&b=\"2\""));
    }

    [Fact]
    public void Escape_returns_plain_text_unchanged()
    {
        const string plain = "BTCUSDT gap 1.25% up";

        Assert.Same(plain, TelegramHtml.Escape(plain));
    }

    [Fact]
    public void A_text_within_the_limit_is_one_message()
    {
        var text = new string('x', 4096);

        Assert.Equal([text], TelegramHtml.Split(text));
    }

    [Fact]
    public void A_long_text_is_split_on_line_boundaries_into_messages_within_the_limit()
    {
        var lines = Enumerable
            .Range(0, 500)
            .Select(i => $"{i:000} " + new string((char)('a' + (i % 26)), i % 40))
            .ToList();
        var text = string.Join('\n', lines);

        var parts = TelegramHtml.Split(text);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= 4096, $"{p.Length} characters"));
        Assert.Equal(text, string.Join('\n', parts));
        Assert.All(parts.SelectMany(p => p.Split('\n')), line => Assert.Contains(line, lines));
    }

    [Fact]
    public void A_single_line_longer_than_the_limit_is_cut_hard()
    {
        var line = new string('x', 10_000);

        var parts = TelegramHtml.Split(line);

        Assert.Equal([4096, 4096, 1808], parts.Select(p => p.Length));
        Assert.Equal(line, string.Concat(parts));
    }

    [Fact]
    public void A_long_line_of_words_is_cut_after_a_space()
    {
        var line = string.Join(' ', Enumerable.Repeat("word", 2000));

        var parts = TelegramHtml.Split(line);

        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("word ", p, StringComparison.Ordinal));
        Assert.Equal(line, string.Concat(parts));
    }

    [Fact]
    public void A_cut_never_falls_inside_an_entity()
    {
        var line = string.Concat(Enumerable.Repeat("&amp;", 1000));

        var parts = TelegramHtml.Split(line, 98);

        Assert.Equal(line, string.Concat(parts));
        Assert.All(parts, p => Assert.Matches("^(&amp;)+$", p));
    }

    [Fact]
    public void A_cut_never_falls_inside_a_tag_and_tags_open_at_a_cut_are_closed_and_reopened()
    {
        var line = string.Concat(Enumerable.Repeat("&amp;<i>x</i>", 1000));

        var parts = TelegramHtml.Split(line, 100);

        Assert.All(parts, p => Assert.True(p.Length <= 100));
        Assert.All(parts, p => Assert.Matches("^(&amp;|<i>x?</i>)+$", p));
        Assert.Equal(StripTags(line), string.Concat(parts.Select(StripTags)));
    }

    [Fact]
    public void A_pre_block_split_across_messages_is_closed_and_reopened_in_each()
    {
        var log = string.Join(
            '\n',
            Enumerable.Range(0, 300).Select(i => $"2026-11-22 10:00:{i % 60:00} stderr line {i}")
        );
        var text = $"<b>p1</b> FATAL\n<pre>{log}</pre>";

        var parts = TelegramHtml.Split(text);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= 4096));
        Assert.All(parts, p => Assert.EndsWith("</pre>", p, StringComparison.Ordinal));
        Assert.All(parts.Skip(1), p => Assert.StartsWith("<pre>", p, StringComparison.Ordinal));
        Assert.All(parts, p => Assert.Equal(Count(p, "<pre>"), Count(p, "</pre>")));
    }

    private static string StripTags(string html) => Regex.Replace(html, "</?i>", string.Empty);

    private static int Count(string text, string what) => text.Split(what).Length - 1;
}
