using System.Globalization;
using System.Text;

namespace MoneyBot.Supervisor.Export;

/// <summary>
/// How values are written in a unit file: specifiers (<c>%</c>), command-line words (systemd.service(5),
/// "Command lines"), quoted <c>Environment=</c> assignments, time spans, and the POSIX shell quoting of the start
/// script.
/// </summary>
internal static class SystemdSyntax
{
    /// <summary>A value where systemd expands specifiers but nothing else (paths, descriptions).</summary>
    public static string Plain(string value) => value.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>
    /// One word of <c>ExecStart=</c>: <c>%</c> as <c>%%</c>, <c>$</c> as <c>$$</c>, C escapes for backslashes and
    /// quotes, and double quotes around words that are empty or hold white space or quotes.
    /// </summary>
    public static string Word(string value)
    {
        if (value == ";")
        {
            return "\\;";
        }

        var needsQuotes = value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'');
        return needsQuotes ? $"\"{Escaped(value)}\"" : Escaped(value);
    }

    /// <summary>
    /// Text of an <c>ExecStart=</c> word, without the quotes: <c>%</c> as <c>%%</c>, <c>$</c> as <c>$$</c>, C escapes
    /// for backslashes, quotes and control characters.
    /// </summary>
    public static string Escaped(string value)
    {
        var escaped = new StringBuilder(value.Length + 2);
        foreach (var c in value)
        {
            escaped.Append(
                c switch
                {
                    '%' => "%%",
                    '$' => "$$",
                    '\\' => "\\\\",
                    '"' => "\\\"",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    '\r' => "\\r",
                    _ => c.ToString(),
                }
            );
        }

        return escaped.ToString();
    }

    /// <summary>An <c>Environment=</c> assignment, always quoted: <c>"NAME=value"</c>.</summary>
    public static string Assignment(string name, string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            escaped.Append(
                c switch
                {
                    '%' => "%%",
                    '\\' => "\\\\",
                    '"' => "\\\"",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    '\r' => "\\r",
                    _ => c.ToString(),
                }
            );
        }

        return $"\"{name}={escaped}\"";
    }

    /// <summary>A time span as systemd reads it: <c>1h30min</c>, <c>45s</c>, <c>500ms</c>, <c>0</c>.</summary>
    public static string Span(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0";
        }

        var text = new StringBuilder();
        var rest = (long)Math.Round(span.TotalMilliseconds);
        foreach (var (unit, ms) in new (string, long)[] { ("d", 86_400_000), ("h", 3_600_000), ("min", 60_000) })
        {
            if (rest >= ms)
            {
                text.Append(CultureInfo.InvariantCulture, $"{rest / ms}{unit}");
                rest %= ms;
            }
        }

        if (rest >= 1000)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rest / 1000}s");
            rest %= 1000;
        }

        if (rest > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rest}ms");
        }

        return text.ToString();
    }

    /// <summary>A duration as the YAML writes it (for comments): <c>15m</c>, <c>90s</c>, <c>500ms</c>.</summary>
    public static string Yaml(TimeSpan span) =>
        span.TotalMilliseconds % 1000 != 0 ? Invariant($"{(long)span.TotalMilliseconds}ms")
        : span.TotalSeconds % 3600 == 0 && span > TimeSpan.Zero ? Invariant($"{(long)span.TotalHours}h")
        : span.TotalSeconds % 60 == 0 && span > TimeSpan.Zero ? Invariant($"{(long)span.TotalMinutes}m")
        : Invariant($"{(long)span.TotalSeconds}s");

    /// <summary>A word for <c>/bin/sh</c>: as it is when it is safe, else in single quotes.</summary>
    public static string Shell(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "_@%+=:,./-".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Text inside a double-quoted shell word: <c>\</c>, <c>"</c>, <c>$</c> and <c>`</c> escaped.</summary>
    public static string ShellDoubleQuoted(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$' or '`')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// The executable <paramref name="command"/> on <paramref name="path"/> (or this process's PATH).
    /// </summary>
    public static string? FindOnPath(string command, string? path)
    {
        foreach (var directory in (path ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            if (directory.Length > 0 && Path.Combine(directory, command) is var candidate && File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
