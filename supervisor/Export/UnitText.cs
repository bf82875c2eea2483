using System.Text;

namespace MoneyBot.Supervisor.Export;

/// <summary>
/// Builds the text of one unit file: sections, <c>Key=value</c> lines and comment lines (systemd allows comments
/// only on lines of their own), wrapped to stay readable.
/// </summary>
internal sealed class UnitText
{
    private const int Width = 100;

    private readonly StringBuilder _text = new();

    public UnitText Section(string name)
    {
        if (_text.Length > 0)
        {
            _text.Append('\n');
        }

        _text.Append('[').Append(name).Append("]\n");
        return this;
    }

    /// <summary>A comment, wrapped into <c># </c> lines at word boundaries.</summary>
    public UnitText Comment(string text)
    {
        var line = new StringBuilder("#");
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 1 && line.Length + 1 + word.Length > Width)
            {
                _text.Append(line).Append('\n');
                line.Clear().Append('#');
            }

            line.Append(' ').Append(word);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    public UnitText Set(string key, string value)
    {
        _text.Append(key).Append('=').Append(value).Append('\n');
        return this;
    }

    /// <summary>
    /// A command line of words already escaped, continued over several lines (<c>\</c> at the end) when long.
    /// </summary>
    public UnitText Command(string key, IReadOnlyList<string> words)
    {
        var line = new StringBuilder(key).Append('=').Append(words[0]);
        foreach (var word in words.Skip(1))
        {
            if (line.Length + 1 + word.Length > Width && line.Length > 4)
            {
                _text.Append(line).Append(" \\\n");
                line.Clear().Append("    ");
            }
            else
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>
    /// <c>key=words... "script"</c>: the script's words (escaped, not quoted) inside one double-quoted word, continued
    /// over lines between words (systemd joins them with white space, which the shell ignores).
    /// </summary>
    public UnitText QuotedScript(string key, IReadOnlyList<string> words, IReadOnlyList<string> script)
    {
        var line = new StringBuilder(key).Append('=').AppendJoin(' ', words).Append(" \"").Append(script[0]);
        foreach (var word in script.Skip(1))
        {
            if (line.Length + 1 + word.Length > Width)
            {
                _text.Append(line).Append(" \\\n");
                line.Clear().Append("    ");
            }
            else
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        _text.Append(line).Append("\"\n");
        return this;
    }

    public override string ToString() => _text.ToString();
}
