using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Finds a config's <c>run_dir</c> (where the control socket is) by reading the file as plain text, so
/// CLI verbs that only talk to a running daemon start in milliseconds instead of loading the full YAML
/// machinery. It answers only for the simple, common shapes (block-style <c>supervisor:</c> with plain
/// or quoted scalars); anything else returns null and the caller loads the config properly. Tests hold
/// it to the same answer as <see cref="ConfigLoader"/>.
/// </summary>
public static partial class RunDirLocator
{
    /// <summary>
    /// The absolute run directory, or null when the file is missing or not simple enough to read this way.
    /// </summary>
    public static string? TryFind(string configPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(configPath);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        string? runDir = null;
        string? baseDir = null;
        var inSupervisor = false;
        var keyIndent = -1;
        foreach (var raw in lines)
        {
            var line = StripComment(raw);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (
                line.Contains('\t', StringComparison.Ordinal)
                || line.StartsWith("---", StringComparison.Ordinal)
                || line.StartsWith('%')
            )
            {
                return null;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            if (indent == 0)
            {
                var top = TopKey().Match(line);
                inSupervisor = top.Success && top.Groups[1].Value == "supervisor";
                if (inSupervisor && top.Groups[2].Value.Trim().Length > 0)
                {
                    return null; // flow style or a value on the same line
                }

                keyIndent = -1;
                continue;
            }

            if (!inSupervisor)
            {
                continue;
            }

            keyIndent = keyIndent < 0 ? indent : keyIndent;
            if (indent != keyIndent || NestedKey().Match(line) is not { Success: true } key)
            {
                continue;
            }

            if (key.Groups[1].Value is "run_dir" or "base_dir")
            {
                if (Scalar(key.Groups[2].Value) is not { } value)
                {
                    return null;
                }

                if (key.Groups[1].Value == "run_dir")
                {
                    runDir = value;
                }
                else
                {
                    baseDir = value;
                }
            }
        }

        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var baseDirectory = baseDir is { Length: > 0 } b
            ? Path.GetFullPath(b, configDirectory)
            : Path.GetDirectoryName(configDirectory) ?? configDirectory;
        return Path.GetFullPath(runDir is { Length: > 0 } r ? r : "run", baseDirectory);
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return line.TrimStart().StartsWith('#') ? string.Empty
            : hash >= 0 ? line[..hash]
            : line;
    }

    /// <summary>A plain or simply quoted scalar; null for anything that needs the real parser.</summary>
    private static string? Scalar(string text)
    {
        var value = text.Trim();
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            value = value[1..^1];
            return value.Contains('\\', StringComparison.Ordinal) || value.Contains('\'', StringComparison.Ordinal)
                ? null
                : value;
        }

        return value.IndexOfAny(['$', '*', '&', '{', '[', '|', '>', '"', '\'', '!', '@', '`']) >= 0 ? null : value;
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*):(.*)$")]
    private static partial Regex TopKey();

    [GeneratedRegex(@"^\s+([A-Za-z_][A-Za-z0-9_]*):(.*)$")]
    private static partial Regex NestedKey();
}
