using System.Globalization;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Records;

namespace MoneyBot.ExtGap.Replay;

/// <summary>
/// Reads a candle CSV, <c>open_time,open,high,low,close[,close_time]</c>, lazily, one row at a time.
/// With a header row columns are found by name (others, like volume, are ignored); without one they
/// are positional. Open time is epoch milliseconds or ISO-8601 (no zone = UTC).
/// </summary>
public static class CandleCsvReader
{
    private static readonly string[] Required = ["open_time", "open", "high", "low", "close"];

    /// <summary>The candles of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="CandleFileException">A row is bad (thrown when that row is reached).</exception>
    public static IEnumerable<Candle> Read(string path, Timeframe timeframe)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        Columns? columns = null;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            line = Unquote(line, path, number);
            if (columns is null)
            {
                columns = ColumnsOf(line, path, number, out var isHeader);
                if (isHeader)
                {
                    continue;
                }
            }

            yield return ParseRow(line, columns.Value, timeframe, path, number);
        }
    }

    private static Candle ParseRow(string line, Columns columns, Timeframe timeframe, string path, int number)
    {
        Span<Range> ranges = stackalloc Range[64];
        var text = line.AsSpan();
        var count = text.Split(ranges, ',');
        if (count < columns.Needed)
        {
            throw new CandleFileException(
                path,
                number,
                $"expected {columns.Needed} columns (open_time,open,high,low,close[,close_time]), found {count}"
            );
        }

        var openTime = ParseTime(text[ranges[columns.OpenTime]], "open_time", path, number);
        var open = ParsePrice(text[ranges[columns.Open]], "open", path, number);
        var high = ParsePrice(text[ranges[columns.High]], "high", path, number);
        var low = ParsePrice(text[ranges[columns.Low]], "low", path, number);
        var close = ParsePrice(text[ranges[columns.Close]], "close", path, number);
        var inv = CultureInfo.InvariantCulture;
        if (high < low || high < open || high < close || low > open || low > close)
        {
            throw new CandleFileException(
                path,
                number,
                string.Create(
                    inv,
                    $"inconsistent prices: high {high} and low {low} must bound open {open} and close {close}"
                )
            );
        }

        var closeTime = timeframe.CloseTimeOf(openTime);
        if (
            columns.CloseTime >= 0
            && ParseTime(text[ranges[columns.CloseTime]], "close_time", path, number) is var given
            && given != closeTime
        )
        {
            throw new CandleFileException(
                path,
                number,
                $"close_time {CsvFormat.Time(given)} does not fit a {timeframe} candle opening at "
                    + $"{CsvFormat.Time(openTime)} (expected {CsvFormat.Time(closeTime)}; wrong --timeframe?)"
            );
        }

        return new Candle(openTime, closeTime, open, high, low, close);
    }

    private static DateTimeOffset ParseTime(ReadOnlySpan<char> field, string column, string path, int number)
    {
        var text = field.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            return ms is >= -62_135_596_800_000 and <= 253_402_300_799_999
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : throw new CandleFileException(path, number, $"{column} {ms} is out of range for epoch milliseconds");
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time
        )
            ? time
            : throw new CandleFileException(
                path,
                number,
                $"{column} '{text}' is neither epoch milliseconds nor an ISO-8601 time"
            );
    }

    private static decimal ParsePrice(ReadOnlySpan<char> field, string column, string path, int number)
    {
        var text = field.Trim();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var price))
        {
            throw new CandleFileException(path, number, $"{column} '{text}' is not a number");
        }

        return price > 0 ? price : throw new CandleFileException(path, number, $"{column} {text} must be above 0");
    }

    private static Columns ColumnsOf(string firstLine, string path, int number, out bool isHeader)
    {
        var names = firstLine.Split(',').Select(n => n.Trim().ToLowerInvariant()).ToList();
        isHeader = names[0].Length > 0 && char.IsAsciiLetter(names[0][0]);
        if (!isHeader)
        {
            return names.Count is 5 or 6
                ? new Columns(0, 1, 2, 3, 4, names.Count == 6 ? 5 : -1, names.Count)
                : throw new CandleFileException(
                    path,
                    number,
                    $"no header row and {names.Count} columns: expected "
                        + $"open_time,open,high,low,close[,close_time] (or a header naming them)"
                );
        }

        if (Required.FirstOrDefault(r => !names.Contains(r)) is { } missing)
        {
            throw new CandleFileException(
                path,
                number,
                $"the header has no '{missing}' column (needs open_time,open,high,low,close[,close_time])"
            );
        }

        var closeTime = names.IndexOf("close_time");
        var columns = new Columns(
            names.IndexOf("open_time"),
            names.IndexOf("open"),
            names.IndexOf("high"),
            names.IndexOf("low"),
            names.IndexOf("close"),
            closeTime,
            0
        );
        return columns with
        {
            Needed =
                1
                + Math.Max(
                    Math.Max(columns.OpenTime, columns.Open),
                    Math.Max(Math.Max(columns.High, columns.Low), Math.Max(columns.Close, closeTime))
                ),
        };
    }

    /// <summary>Rewrites a line with quoted fields as a plain one; numbers and times never hold commas.</summary>
    private static string Unquote(string line, string path, int number)
    {
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return line;
        }

        if (!CsvLine.TrySplit(line, out var fields))
        {
            throw new CandleFileException(path, number, "a quoted field is not closed");
        }

        return fields.Any(f => f.Contains(',', StringComparison.Ordinal))
            ? throw new CandleFileException(path, number, "a field holds a comma; candle fields are numbers and times")
            : string.Join(',', fields);
    }

    private readonly record struct Columns(
        int OpenTime,
        int Open,
        int High,
        int Low,
        int Close,
        int CloseTime,
        int Needed
    );
}
