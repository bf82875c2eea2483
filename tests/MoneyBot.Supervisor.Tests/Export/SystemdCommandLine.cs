using System.Text;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>
/// Reads an <c>ExecStart=</c> back into the words systemd would run (systemd.service(5), "Command lines"): continued
/// lines joined, double quotes, C escapes, <c>$$</c> and <c>%%</c>. Enough of the rules for what the export writes.
/// </summary>
internal static class SystemdCommandLine
{
    /// <summary>The value of <paramref name="key"/> in <paramref name="unitText"/>, continued lines joined.</summary>
    public static string Value(string unitText, string key)
    {
        var joined = unitText.Replace("\\\n", " ", StringComparison.Ordinal);
        var line = joined.Split('\n').FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal));
        return line?[(key.Length + 1)..] ?? throw new Xunit.Sdk.XunitException($"no {key}= in:\n{unitText}");
    }

    /// <summary>The words of the unit's <c>ExecStart=</c>.</summary>
    public static IReadOnlyList<string> Words(string unitText)
    {
        var value = Value(unitText, "ExecStart");
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\')
            {
                var next = value[++i];
                word.Append(
                    next switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        _ => next,
                    }
                );
            }
            else if (c is '$' or '%' && i + 1 < value.Length && value[i + 1] == c)
            {
                word.Append(c);
                i++;
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
