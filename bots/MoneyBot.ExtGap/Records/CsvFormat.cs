using System.Globalization;

namespace MoneyBot.ExtGap.Records;

/// <summary>How values are written in the CSV records (and read back): invariant, exact, no exponent.</summary>
public static class CsvFormat
{
    /// <summary>
    /// ISO-8601 UTC: <c>2025-01-01T00:00:00Z</c>, or <c>2025-01-01T00:05:59.999Z</c> when there are milliseconds.
    /// </summary>
    public static string Time(DateTimeOffset time)
    {
        Span<char> buffer = stackalloc char[MaxTimeLength];
        return new string(buffer[..FormatTime(time, buffer)]);
    }

    /// <summary>
    /// The exact value, invariant, no exponent, trailing zeros dropped: <c>101</c>, <c>102.8</c>, <c>-0.6</c>.
    /// </summary>
    public static string Decimal(decimal value)
    {
        Span<char> buffer = stackalloc char[MaxDecimalLength];
        return new string(buffer[..FormatDecimal(value, buffer)]);
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An integer, invariant.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 time (no zone means UTC).</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time
        );

    /// <summary>Room for any decimal.</summary>
    internal const int MaxDecimalLength = 64;

    /// <summary>Room for any time.</summary>
    internal const int MaxTimeLength = 32;

    /// <summary>
    /// Writes <see cref="Decimal(decimal)"/>'s text into <paramref name="buffer"/>; returns its length.
    /// </summary>
    internal static int FormatDecimal(decimal value, Span<char> buffer)
    {
        // Decimal's general format is fixed-point and exact (it keeps the scale's trailing zeros); trim them.
        value.TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture);
        if (buffer[..length].Contains('.'))
        {
            length = buffer[..length].TrimEnd('0').Length;
            length = buffer[length - 1] == '.' ? length - 1 : length;
        }

        if (length == 2 && buffer[0] == '-' && buffer[1] == '0')
        {
            buffer[0] = '0';
            length = 1;
        }

        return length;
    }

    /// <summary>Writes <see cref="Time"/>'s text into <paramref name="buffer"/>; returns its length.</summary>
    internal static int FormatTime(DateTimeOffset time, Span<char> buffer)
    {
        var utc = time.UtcDateTime;
        var at = Digits(buffer, 0, utc.Year, 4);
        buffer[at++] = '-';
        at = Digits(buffer, at, utc.Month, 2);
        buffer[at++] = '-';
        at = Digits(buffer, at, utc.Day, 2);
        buffer[at++] = 'T';
        at = Digits(buffer, at, utc.Hour, 2);
        buffer[at++] = ':';
        at = Digits(buffer, at, utc.Minute, 2);
        buffer[at++] = ':';
        at = Digits(buffer, at, utc.Second, 2);
        if (utc.Millisecond != 0)
        {
            buffer[at++] = '.';
            at = Digits(buffer, at, utc.Millisecond, 3);
        }

        buffer[at++] = 'Z';
        return at;
    }

    private static int Digits(Span<char> buffer, int at, int value, int width)
    {
        for (var i = at + width - 1; i >= at; i--)
        {
            buffer[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return at + width;
    }
}
