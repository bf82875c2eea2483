using System.Buffers;
using System.Globalization;

namespace MoneyBot.ExtGap.Records;

/// <summary>
/// Writes CSV rows (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled;
/// rows end with LF. Numbers, times and booleans are formatted as <see cref="CsvFormat"/> says,
/// straight into the writer (no string per field).
/// </summary>
/// <param name="writer">Where rows go.</param>
public sealed class CsvWriter(TextWriter writer)
{
    private static readonly SearchValues<char> Specials = SearchValues.Create(",\"\r\n");
    private bool _rowStarted;

    /// <summary>Writes one text field of the current row, quoted when needed.</summary>
    public CsvWriter Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(Specials) < 0)
        {
            return Raw(value);
        }

        Separate();
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
        return this;
    }

    /// <summary>Writes an exact decimal (<see cref="CsvFormat.Decimal"/>).</summary>
    public CsvWriter Field(decimal value)
    {
        Span<char> buffer = stackalloc char[CsvFormat.MaxDecimalLength];
        return Raw(buffer[..CsvFormat.FormatDecimal(value, buffer)]);
    }

    /// <summary>Writes an ISO-8601 UTC time (<see cref="CsvFormat.Time"/>).</summary>
    public CsvWriter Field(DateTimeOffset time)
    {
        Span<char> buffer = stackalloc char[CsvFormat.MaxTimeLength];
        return Raw(buffer[..CsvFormat.FormatTime(time, buffer)]);
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    public CsvWriter Field(bool value) => Raw(CsvFormat.Bool(value));

    /// <summary>Writes an integer.</summary>
    public CsvWriter Field(int value)
    {
        Span<char> buffer = stackalloc char[16];
        value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
        return Raw(buffer[..written]);
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        writer.Write('\n');
        _rowStarted = false;
    }

    /// <summary>Writes a whole row of text fields.</summary>
    public void Row(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            Field(field);
        }

        EndRow();
    }

    private CsvWriter Raw(ReadOnlySpan<char> text)
    {
        Separate();
        writer.Write(text);
        return this;
    }

    private void Separate()
    {
        if (_rowStarted)
        {
            writer.Write(',');
        }

        _rowStarted = true;
    }
}
