using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Reads a <c>KEY=VALUE</c> file: blank lines and <c>#</c> comment lines are skipped, an
/// <c>export </c> prefix is allowed, a value may be wrapped in single or double quotes, and an
/// unquoted value ends at a <c> #</c> comment. A later definition of a key wins.
/// </summary>
internal static partial class EnvFile
{
    /// <summary>
    /// The file's variables; a missing file has none. Problems are reported, never showing a line's text.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(
        string path,
        ConfigDiagnostics diagnostics,
        YamlNode source,
        string yamlPath
    )
    {
        try
        {
            return File.Exists(path)
                ? Parse(File.ReadAllText(path), (line, message) => diagnostics.AddInFile(path, line, message))
                : new Dictionary<string, string>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(source, yamlPath, $"cannot read the env file: {ex.Message}");
            return new Dictionary<string, string>();
        }
    }

    /// <summary>Parses the text of an env file; <paramref name="error"/> gets (1-based line, message).</summary>
    public static Dictionary<string, string> Parse(string text, Action<int, string> error)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? line : line[..eq].TrimEnd();
            if (eq < 0 || !VariableName().IsMatch(key))
            {
                // The line is not quoted back: it may hold a secret.
                error(i + 1, "expected KEY=VALUE with KEY made of letters, digits and '_' (not starting with a digit)");
                continue;
            }

            if (Value(line[(eq + 1)..].Trim()) is { } value)
            {
                variables[key] = value;
            }
            else
            {
                error(i + 1, $"the value of {key} has an opening quote but no closing one");
            }
        }

        return variables;
    }

    /// <summary>The regular expression variable names must match.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    internal static partial Regex VariableName();

    private static string? Value(string raw)
    {
        if (raw.Length > 0 && raw[0] is '"' or '\'')
        {
            var close = raw.IndexOf(raw[0], 1);
            return close < 0 ? null : raw[1..close];
        }

        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] == '#' && char.IsWhiteSpace(raw[i - 1]))
            {
                return raw[..i].TrimEnd();
            }
        }

        return raw;
    }
}
