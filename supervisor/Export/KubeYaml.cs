using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Export;

/// <summary>
/// A small, ordered YAML tree for the Kubernetes manifests, rendered in block style with comments. Strings that a
/// YAML reader could take for anything else (numbers, booleans, null, text with <c>: </c> or <c>#</c>) are written
/// in double quotes with JSON escapes, so every value reads back as the string it is.
/// </summary>
internal abstract partial class KubeYaml
{
    private const int CommentWidth = 100;

    public static KubeYaml Text(string value) => new Scalar(Quote(value));

    public static KubeYaml Number(long value) => new Scalar(value.ToString(CultureInfo.InvariantCulture));

    public static KubeYaml Flag(bool value) => new Scalar(value ? "true" : "false");

    /// <summary>The whole document, ending in a newline.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        Write(text, 0, inSequence: false);
        return text.ToString();
    }

    protected abstract bool IsEmpty { get; }

    protected abstract bool IsScalar { get; }

    protected abstract void Write(StringBuilder text, int indent, bool inSequence);

    /// <summary>A comment wrapped into <c># </c> lines at <paramref name="indent"/>.</summary>
    protected static void WriteComment(StringBuilder text, int indent, string comment)
    {
        var line = new StringBuilder();
        // A line break (or any control character) would end the comment and start YAML of its own.
        var flat = new string([.. comment.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c)]);
        foreach (var word in flat.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && indent + 2 + line.Length + 1 + word.Length > CommentWidth)
            {
                text.Append(' ', indent).Append("# ").Append(line).Append('\n');
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            text.Append(' ', indent).Append("# ").Append(line).Append('\n');
        }
    }

    private static string Quote(string value) =>
        Plain().IsMatch(value) && !Ambiguous().IsMatch(value) ? value : DoubleQuoted(value);

    /// <summary>A YAML double-quoted scalar: <c>\\</c>, <c>\"</c> and control characters escaped.</summary>
    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>Text that a YAML 1.1 or 1.2 reader takes for a string when written bare.</summary>
    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./-]*(?::[A-Za-z0-9_./-]+)*$")]
    private static partial Regex Plain();

    /// <summary>Bare words that YAML 1.1 readers take for booleans or null.</summary>
    [GeneratedRegex("^(?i:y|n|yes|no|true|false|on|off|null|~)$")]
    private static partial Regex Ambiguous();

    private sealed class Scalar(string text) : KubeYaml
    {
        protected override bool IsEmpty => false;

        protected override bool IsScalar => true;

        protected override void Write(StringBuilder builder, int indent, bool inSequence) =>
            builder.Append(text).Append('\n');
    }

    /// <summary>A mapping whose keys keep the order they were added in.</summary>
    public sealed class Map : KubeYaml
    {
        private readonly List<(string Key, KubeYaml Value, string? Comment)> _entries = [];

        protected override bool IsEmpty => _entries.Count == 0;

        protected override bool IsScalar => false;

        public Map Add(string key, KubeYaml value, string? comment = null)
        {
            _entries.Add((key, value, comment));
            return this;
        }

        public Map Add(string key, string value, string? comment = null) => Add(key, Text(value), comment);

        public Map Add(string key, long value, string? comment = null) => Add(key, Number(value), comment);

        protected override void Write(StringBuilder text, int indent, bool inSequence)
        {
            if (_entries.Count == 0)
            {
                text.Append("{}\n");
                return;
            }

            for (var i = 0; i < _entries.Count; i++)
            {
                var (key, value, comment) = _entries[i];
                // The first key of a sequence item goes on the dash's line; its comment goes before the dash.
                if (!(inSequence && i == 0))
                {
                    if (comment is not null)
                    {
                        WriteComment(text, indent, comment);
                    }

                    text.Append(' ', indent);
                }

                text.Append(key).Append(':');
                if (value.IsScalar || value.IsEmpty)
                {
                    text.Append(' ');
                    value.Write(text, indent + 2, inSequence: false);
                }
                else
                {
                    text.Append('\n');
                    value.Write(text, value is Sequence ? indent : indent + 2, inSequence: false);
                }
            }
        }

        /// <summary>The comment of the first key (written before a sequence's dash).</summary>
        internal string? FirstComment => _entries.Count > 0 ? _entries[0].Comment : null;
    }

    /// <summary>A block sequence (<c>- item</c> lines).</summary>
    public sealed class Sequence : KubeYaml
    {
        private readonly List<KubeYaml> _items = [];

        public Sequence() { }

        public Sequence(IEnumerable<string> items) => _items.AddRange(items.Select(Text));

        protected override bool IsEmpty => _items.Count == 0;

        protected override bool IsScalar => false;

        public Sequence Add(KubeYaml item)
        {
            _items.Add(item);
            return this;
        }

        protected override void Write(StringBuilder text, int indent, bool inSequence)
        {
            if (_items.Count == 0)
            {
                text.Append("[]\n");
                return;
            }

            foreach (var item in _items)
            {
                if (item is Map { FirstComment: { } comment })
                {
                    WriteComment(text, indent, comment);
                }

                text.Append(' ', indent).Append("- ");
                item.Write(text, indent + 2, inSequence: true);
            }
        }
    }
}
