using System.Text;

namespace MoneyBot.Common.Telegram;

/// <summary>The line-based splitter behind <see cref="TelegramHtml.Split"/>.</summary>
internal static class HtmlSplitter
{
    private const int MinLimit = 32;

    public static IReadOnlyList<string> Split(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, MinLimit);
        if (text.Length <= limit)
        {
            return [text];
        }

        // Room kept in each message for tags closed at its end and reopened at the next one's start.
        var reserve = text.Contains('<', StringComparison.Ordinal) ? Math.Min(limit / 4, 256) : 0;
        var chunks = new List<string>();
        var open = new List<(string Name, string Tag)>();
        var current = new StringBuilder();
        var hasContent = false;
        foreach (var (piece, startsLine) in Pieces(text, limit - reserve))
        {
            var separator = startsLine && hasContent ? "\n" : string.Empty;
            var openAfter = Track(open, piece);
            if (hasContent && current.Length + separator.Length + piece.Length + ClosingLength(openAfter) > limit)
            {
                AddChunk(chunks, current.Append(Closing(open)));
                current.Clear();
                foreach (var (_, tag) in open)
                {
                    current.Append(tag);
                }

                separator = string.Empty;
            }

            current.Append(separator).Append(piece);
            hasContent = true;
            open = openAfter;
        }

        AddChunk(chunks, current);
        return chunks;
    }

    /// <summary>The lines of the text; lines longer than <paramref name="max"/> are cut into several pieces.</summary>
    private static IEnumerable<(string Piece, bool StartsLine)> Pieces(string text, int max)
    {
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var pos = 0;
            while (line.Length - pos > max)
            {
                var cut = SafeCut(line, pos, max);
                yield return (line[pos..cut], n > 0 && pos == 0);
                pos = cut;
            }

            yield return (line[pos..], n > 0 && pos == 0);
        }
    }

    /// <summary>
    /// Where to cut a long line: not inside a tag, an entity or a surrogate pair; at a space if one is near the end.
    /// </summary>
    private static int SafeCut(string line, int pos, int max)
    {
        var end = pos + max;
        var window = line.AsSpan(pos, max);
        var lt = window.LastIndexOf('<');
        if (lt > 0 && window[lt..].IndexOf('>') < 0)
        {
            end = pos + lt;
        }

        var amp = line.AsSpan(pos, end - pos).LastIndexOf('&');
        if (amp > 0 && end - (pos + amp) <= 10 && line.AsSpan(pos + amp, end - (pos + amp)).IndexOf(';') < 0)
        {
            end = pos + amp;
        }

        var space = line.AsSpan(pos, end - pos).LastIndexOf(' ');
        if (space >= max / 2)
        {
            end = pos + space + 1;
        }

        if (char.IsHighSurrogate(line[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>The tags open after <paramref name="piece"/>, given those open before it.</summary>
    private static List<(string Name, string Tag)> Track(List<(string Name, string Tag)> open, string piece)
    {
        List<(string Name, string Tag)>? result = null;
        var i = piece.IndexOf('<', StringComparison.Ordinal);
        while (i >= 0)
        {
            var close = piece.IndexOf('>', i);
            if (close < 0)
            {
                break;
            }

            result ??= [.. open];
            var tag = piece[i..(close + 1)];
            var closing = tag.StartsWith("</", StringComparison.Ordinal);
            var body = tag[(closing ? 2 : 1)..^1];
            var name = body.Split(' ', 2)[0].Trim().ToLowerInvariant();
            if (closing)
            {
                var at = result.FindLastIndex(t => t.Name == name);
                if (at >= 0)
                {
                    result.RemoveAt(at);
                }
            }
            else if (name.Length > 0)
            {
                result.Add((name, tag));
            }

            i = piece.IndexOf('<', close + 1);
        }

        return result ?? open;
    }

    private static string Closing(List<(string Name, string Tag)> open)
    {
        var sb = new StringBuilder();
        for (var i = open.Count - 1; i >= 0; i--)
        {
            sb.Append("</").Append(open[i].Name).Append('>');
        }

        return sb.ToString();
    }

    private static int ClosingLength(List<(string Name, string Tag)> open) => open.Sum(t => t.Name.Length + 3);

    private static void AddChunk(List<string> chunks, StringBuilder chunk)
    {
        var s = chunk.ToString();
        if (!string.IsNullOrWhiteSpace(s))
        {
            chunks.Add(s);
        }
    }
}
