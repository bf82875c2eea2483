using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Builds a <see cref="YamlNode"/> tree from YamlDotNet's parser events: keeps positions, resolves
/// anchors and aliases, and reports duplicate and non-scalar keys instead of throwing.
/// </summary>
internal sealed class YamlTreeBuilder
{
    private readonly IParser _parser;
    private readonly ConfigDiagnostics _diagnostics;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private ParsingEvent? _last;

    private YamlTreeBuilder(IParser parser, ConfigDiagnostics diagnostics)
    {
        _parser = parser;
        _diagnostics = diagnostics;
    }

    /// <summary>The document's root node (null for an empty file or after a syntax error, which is reported).</summary>
    public static YamlNode? Build(string text, ConfigDiagnostics diagnostics)
    {
        var builder = new YamlTreeBuilder(new Parser(new StringReader(text)), diagnostics);
        try
        {
            return builder.ReadStream();
        }
        catch (YamlException ex)
        {
            // YamlDotNet puts a tab in the indentation at the start of the enclosing mapping; point at the tab.
            var (line, column) =
                ex.Message.Contains("tab", StringComparison.Ordinal) && FirstIndentingTab(text) is { } tab
                    ? tab
                    : (ToInt(ex.Start.Line), ToInt(ex.Start.Column));
            diagnostics.Add(line, column, string.Empty, "invalid YAML: " + ex.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (with no position) on some unclosed flow collections.
            var end = builder._last?.End ?? Mark.Empty;
            diagnostics.Add(
                Math.Max(1, ToInt(end.Line)),
                Math.Max(1, ToInt(end.Column)),
                string.Empty,
                "invalid YAML after this point; is a '[' or '{' left unclosed?"
            );
        }

        return null;
    }

    private YamlNode? ReadStream()
    {
        Next<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        Next<DocumentStart>();
        var root = ReadNode(string.Empty);
        Next<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            _diagnostics.Add(
                ToInt(second.Start.Line),
                ToInt(second.Start.Column),
                string.Empty,
                "only one YAML document is allowed; remove the second '---'"
            );
        }

        return root;
    }

    private T Next<T>()
        where T : ParsingEvent
    {
        var e = _parser.Require<T>();
        _last = e;
        _parser.MoveNext();
        return e;
    }

    private YamlNode? ReadNode(string path)
    {
        if (_parser.Accept<AnchorAlias>(out _))
        {
            var alias = Next<AnchorAlias>();
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            _diagnostics.Add(
                Line(alias),
                Column(alias),
                path,
                $"unknown alias '*{alias.Value.Value}'; define '&{alias.Value.Value}' before using it"
            );
            return null;
        }

        YamlNode node;
        NodeEvent start;
        if (_parser.Accept<Scalar>(out _))
        {
            var scalar = Next<Scalar>();
            start = scalar;
            node = new YamlScalar(Line(scalar), Column(scalar), scalar.Value, scalar.Style == ScalarStyle.Plain);
        }
        else if (_parser.Accept<SequenceStart>(out _))
        {
            start = Next<SequenceStart>();
            node = ReadSequence(start, path);
        }
        else
        {
            start = Next<MappingStart>();
            node = ReadMapping(start, path);
        }

        if (!start.Anchor.IsEmpty)
        {
            _anchors[start.Anchor.Value] = node;
        }

        return node;
    }

    private YamlSequence ReadSequence(NodeEvent start, string path)
    {
        var items = new List<YamlNode>();
        while (!_parser.Accept<SequenceEnd>(out _))
        {
            if (ReadNode(ConfigDiagnostics.Item(path, items.Count)) is { } item)
            {
                items.Add(item);
            }
        }

        Next<SequenceEnd>();
        return new YamlSequence(Line(start), Column(start), items);
    }

    private YamlMapping ReadMapping(NodeEvent start, string path)
    {
        var entries = new List<YamlEntry>();
        var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        while (!_parser.Accept<MappingEnd>(out _))
        {
            var keyNode = ReadNode(path);
            if (keyNode is not YamlScalar key)
            {
                if (keyNode is not null)
                {
                    _diagnostics.Add(keyNode, path, $"a key must be a plain value, found {keyNode.Kind}");
                }

                _ = ReadNode(path);
                continue;
            }

            var childPath = ConfigDiagnostics.Child(path, key.Value);
            var value = ReadNode(childPath);
            if (seen.TryGetValue(key.Value, out var first))
            {
                var what = path == "programs" ? "program name" : "key";
                _diagnostics.Add(
                    key,
                    childPath,
                    $"duplicate {what} '{key.Value}'; it is first defined at line {first.Line}, column {first.Column}"
                );
                continue;
            }

            seen.Add(key.Value, key);
            if (value is not null)
            {
                entries.Add(new YamlEntry(key, value));
            }
        }

        Next<MappingEnd>();
        return new YamlMapping(Line(start), Column(start), entries);
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static int Line(ParsingEvent e) => ToInt(e.Start.Line);

    private static int Column(ParsingEvent e) => ToInt(e.Start.Column);

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
