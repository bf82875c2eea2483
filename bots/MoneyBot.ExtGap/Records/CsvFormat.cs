using System.Globalization;

namespace MoneyBot.ExtGap.Records;

/// <summary>How values are written in the CSV records (and read back): invariant, exact, no exponent.</summary>
public static class CsvFormat
{
    private const string DecimalPattern = "0.############################";

    /// <summary>ISO-8601 UTC: <c>2025-01-01T00:00:00Z</c>, or <c>2025-01-01T00:05:59.999Z</c> when there are milliseconds.</summary>
    public static string Time(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The exact value, invariant, no exponent, trailing zeros dropped: <c>101</c>, <c>102.8</c>, <c>-0.6</c>.</summary>
    public static string Decimal(decimal value) => value.ToString(DecimalPattern, CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An integer, invariant.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 time (no zone means UTC).</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time) => DateTimeOffset.TryParse(
        text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
