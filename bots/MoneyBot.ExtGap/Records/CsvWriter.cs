namespace MoneyBot.ExtGap.Records;

/// <summary>Writes CSV rows (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled; rows end with LF.</summary>
/// <param name="writer">Where rows go.</param>
public sealed class CsvWriter(TextWriter writer)
{
    private static readonly char[] Specials = [',', '"', '\r', '\n'];
    private bool rowStarted;

    /// <summary>Writes one field of the current row.</summary>
    public CsvWriter Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (rowStarted)
        {
            writer.Write(',');
        }

        rowStarted = true;
        if (value.IndexOfAny(Specials) < 0)
        {
            writer.Write(value);
            return this;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
        return this;
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        writer.Write('\n');
        rowStarted = false;
    }

    /// <summary>Writes a whole row.</summary>
    public void Row(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            Field(field);
        }

        EndRow();
    }
}
