using System.Globalization;

namespace MoneyBot.Dashboard.ExtGap;

/// <summary>
/// A bot's CSV file, read-only and shared with the writer: a header naming the columns, then rows. A last line
/// without its line end is a row being written (or cut by a crash, which the bot repairs at its start): skipped.
/// A row that does not parse is skipped and reported with its line number; nothing is ever written here.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;
    private string[] _fields = [];

    private CsvTable(string path, Dictionary<string, int> columns)
    {
        Path = path;
        _columns = columns;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>
    /// Reads every complete row of <paramref name="path"/> through <paramref name="read"/>; a missing file has no
    /// rows. <paramref name="problems"/> receives one line per unreadable row or missing column.
    /// </summary>
    public static List<T> ReadRows<T>(string path, string[] required, Func<CsvTable, T> read, List<string> problems)
    {
        var rows = new List<T>();
        string text;
        try
        {
            using var stream = new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete
            );
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return rows;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: cannot read it: {e.Message}");
            return rows;
        }

        var complete = text.LastIndexOf('\n');
        if (complete < 0)
        {
            return rows; // no complete line yet, not even the header
        }

        var lines = text[..complete].Split('\n');
        var header = Split(lines[0]);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i], i);
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{path}:1: not a bot's file: no column {string.Join(", ", missing)}");
            return rows;
        }

        var table = new CsvTable(path, columns);
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0)
            {
                continue;
            }

            table._fields = Split(lines[n]);
            try
            {
                rows.Add(read(table));
            }
            catch (FormatException e)
            {
                problems.Add($"{path}:{n + 1}: row skipped: {e.Message}");
            }
        }

        return rows;
    }

    /// <summary>The text of column <paramref name="name"/> in the current row.</summary>
    public string Text(string name) =>
        _columns[name] < _fields.Length
            ? _fields[_columns[name]]
            : throw new FormatException($"the row has no '{name}' (only {_fields.Length} fields)");

    public decimal Decimal(string name) =>
        decimal.TryParse(Text(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{name}' is '{Text(name)}', not a number");

    public int Integer(string name) =>
        int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{name}' is '{Text(name)}', not a whole number");

    public bool Boolean(string name) =>
        bool.TryParse(Text(name), out var value)
            ? value
            : throw new FormatException($"'{name}' is '{Text(name)}', not true or false");

    public DateTimeOffset Time(string name) =>
        DateTimeOffset.TryParse(
            Text(name),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value
        )
            ? value
            : throw new FormatException($"'{name}' is '{Text(name)}', not an ISO-8601 time");

    /// <summary>One RFC 4180 line (quotes only where a field needs them).</summary>
    private static string[] Split(string line)
    {
        line = line.TrimEnd('\r');
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return line.Split(',');
        }

        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
