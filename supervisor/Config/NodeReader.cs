using System.Globalization;
using System.Numerics;
using MoneyBot.Common.Units;

namespace MoneyBot.Supervisor.Config;

/// <summary>One key of a mapping, with its dotted path.</summary>
internal readonly record struct YamlField(YamlScalar KeyNode, YamlNode Value, string Path)
{
    public string Key => KeyNode.Value;
}

/// <summary>
/// Reads typed values out of <see cref="YamlNode"/>s, expanding variables and reporting every
/// problem (quoting only the raw YAML text). A method returns null after reporting a problem.
/// </summary>
internal sealed class NodeReader(ConfigDiagnostics diagnostics, VariableExpander expander)
{
    public const string DurationForm = "a duration such as 500ms, 10s, 5m, 1h";
    public const string SizeForm = "a size such as 512KB, 10MB";

    public ConfigDiagnostics Diagnostics => diagnostics;

    /// <summary>
    /// The keys of a mapping (none for an empty value). Keys not in <paramref name="known"/> are reported
    /// with a suggestion and left out; a null <paramref name="known"/> accepts any key.
    /// </summary>
    public IReadOnlyList<YamlField> Fields(YamlNode node, string path, IReadOnlyList<string>? known)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return [];
        }

        if (node is not YamlMapping mapping)
        {
            diagnostics.Add(node, path, $"expected a mapping (key: value), found {node.Kind}");
            return [];
        }

        var fields = new List<YamlField>(mapping.Entries.Count);
        foreach (var (key, value) in mapping.Entries)
        {
            var childPath = ConfigDiagnostics.Child(path, key.Value);
            if (known is null || known.Contains(key.Value))
            {
                fields.Add(new YamlField(key, value, childPath));
            }
            else
            {
                var hint = KeyMatcher.DidYouMean(key.Value, known);
                diagnostics.Add(
                    key,
                    childPath,
                    hint.Length > 0
                        ? $"unknown key '{key.Value}'{hint}"
                        : $"unknown key '{key.Value}'; expected one of: {string.Join(", ", known)}"
                );
            }
        }

        return fields;
    }

    /// <summary>The items of a list (none for an empty value).</summary>
    public IReadOnlyList<YamlNode>? Items(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalar { IsNull: true }:
                return [];
            case YamlSequence sequence:
                return sequence.Items;
            default:
                diagnostics.Add(node, path, $"expected a list such as [a, b], found {node.Kind}");
                return null;
        }
    }

    /// <summary>A scalar's expanded text; an empty value or <c>null</c> gives "".</summary>
    public string? String(YamlNode node, string path) =>
        node is YamlScalar { IsNull: true } ? string.Empty : Expanded(node, path, "a text value");

    public bool? Bool(YamlNode node, string path) =>
        Expanded(node, path, "true or false") is not { } text ? null
        : text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : Fail<bool>(node, path, "true or false");

    public int? Int(YamlNode node, string path, int min, int max = int.MaxValue)
    {
        if (Expanded(node, path, "a whole number") is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return Fail<int>(node, path, "a whole number");
        }

        return value >= min && value <= max ? value : OutOfRange<int>(node, path, min, max);
    }

    public double? Number(YamlNode node, string path, double min, double max = double.MaxValue)
    {
        if (Expanded(node, path, "a number") is not { } text)
        {
            return null;
        }

        if (
            !double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value)
        )
        {
            return Fail<double>(node, path, "a number");
        }

        return value >= min && value <= max ? value : OutOfRange<double>(node, path, min, max);
    }

    /// <summary>A duration; with <paramref name="bareSeconds"/> a plain number means seconds.</summary>
    public TimeSpan? Duration(YamlNode node, string path, bool bareSeconds = false)
    {
        var expected = bareSeconds ? DurationForm + " (a bare number means seconds)" : DurationForm;
        if (Expanded(node, path, expected) is not { } text)
        {
            return null;
        }

        if (
            bareSeconds
            && double.TryParse(
                text.Trim(),
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var seconds
            )
            && seconds <= TimeSpan.MaxValue.TotalSeconds
        )
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return Durations.TryParse(text, out var value) ? value : Fail<TimeSpan>(node, path, expected);
    }

    /// <summary>A size in bytes, greater than zero.</summary>
    public long? Size(YamlNode node, string path)
    {
        if (Expanded(node, path, SizeForm) is not { } text)
        {
            return null;
        }

        if (!ByteSizes.TryParse(text, out var bytes))
        {
            return Fail<long>(node, path, SizeForm);
        }

        if (bytes > 0)
        {
            return bytes;
        }

        diagnostics.Add(node, path, $"must be greater than 0, found {Quote(((YamlScalar)node).Value)}");
        return null;
    }

    /// <summary>One of <paramref name="choices"/>' keys (case-insensitive), with a suggestion when misspelt.</summary>
    public T? Choice<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> choices, string expected)
        where T : struct
    {
        if (Expanded(node, path, expected) is not { } text)
        {
            return null;
        }

        var match = choices.FirstOrDefault(c => c.Key.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match.Key is not null)
        {
            return match.Value;
        }

        var raw = ((YamlScalar)node).Value;
        diagnostics.Add(
            node,
            path,
            $"expected {expected}, found {Quote(raw)}{KeyMatcher.DidYouMean(raw, choices.Keys)}"
        );
        return null;
    }

    /// <summary>The expanded text of a scalar; reports non-scalars and unset variables.</summary>
    public string? Expanded(YamlNode node, string path, string expected)
    {
        if (node is not YamlScalar scalar)
        {
            diagnostics.Add(node, path, $"expected {expected}, found {node.Kind}");
            return null;
        }

        var errors = new List<string>();
        var value = expander.Expand(scalar.Value, errors);
        foreach (var error in errors)
        {
            diagnostics.Add(scalar, path, error);
        }

        return value;
    }

    private T? Fail<T>(YamlNode node, string path, string expected)
        where T : struct
    {
        diagnostics.Add(node, path, $"expected {expected}, found {Quote(((YamlScalar)node).Value)}");
        return null;
    }

    private T? OutOfRange<T>(YamlNode node, string path, T min, T max)
        where T : struct, IFormattable, IMinMaxValue<T>
    {
        var raw = Quote(((YamlScalar)node).Value);
        var range = max.Equals(T.MaxValue)
            ? string.Create(CultureInfo.InvariantCulture, $"at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}");
        diagnostics.Add(node, path, $"must be {range}, found {raw}");
        return null;
    }

    private static string Quote(string raw) => raw.Length == 0 ? "nothing" : $"'{raw}'";
}
