using System.Globalization;
using System.Text.Json;
using MoneyBot.Dashboard.Catalog;

namespace MoneyBot.Dashboard.ExtGap;

/// <summary>A row of a bot's gaps file.</summary>
internal sealed record GapRow(
    DateTimeOffset DetectedAt,
    string Polarity,
    decimal Level,
    DateTimeOffset OpeningBarTime,
    DateTimeOffset DetectionBarTime,
    bool IsFirstGap,
    bool IsReversal,
    int Sequence
);

/// <summary>A row of a bot's trades file: one closed position.</summary>
internal sealed record TradeRow(
    string Status,
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime,
    string Side,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Notional,
    decimal RealizedPnl,
    decimal TotalFees,
    string CloseReason,
    decimal CumulativePnl
);

/// <summary>The open position of a bot's state file.</summary>
internal sealed record OpenPosition(string Side, decimal EntryPrice, DateTimeOffset EntryTime, decimal Notional);

/// <summary>The running totals of a bot's state file (they continue across restarts).</summary>
internal sealed record Totals(int Wins, int Losses, int Breakevens, decimal CumulativePnl, decimal CumulativeFees);

/// <summary>What an ext-gap bot has recorded: its CSV rows and its state, read together.</summary>
/// <param name="Version">Changes whenever one of the three files does.</param>
/// <param name="Problems">Unreadable rows or files, each naming the file (and line).</param>
internal sealed record ExtGapRecords(
    IReadOnlyList<GapRow> Gaps,
    IReadOnlyList<TradeRow> Trades,
    OpenPosition? Position,
    string? PendingEntry,
    Totals? Totals,
    bool HasState,
    string Version,
    IReadOnlyList<string> Problems
)
{
    private const string PendingEntryKey = "PendingEntry";
    private const string TotalsKey = "Totals";

    private static readonly string[] GapColumns =
    [
        "detected_at_utc",
        "polarity",
        "gap_level",
        "gap_opening_bar_time",
        "detection_bar_time",
        "is_first_gap",
        "is_reversal",
        "sequence_number",
    ];

    private static readonly string[] TradeColumns =
    [
        "Status",
        "Open Time",
        "Close Time",
        "Side",
        "Entry Price",
        "Exit Price",
        "Position Size ($)",
        "Realized P&L",
        "Total Fees",
        "Close Reason",
        "Cumulative P&L",
    ];

    /// <summary>The version of the bot's files now (length and modification time of each), cheap to compare.</summary>
    public static string VersionOf(ExtGapBot bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        return string.Join(
            '|',
            new[] { bot.GapsPath, bot.TradesPath, bot.StatePath }.Select(path =>
            {
                var file = new FileInfo(path);
                return file.Exists
                    ? $"{file.Length.ToString(CultureInfo.InvariantCulture)}:"
                        + file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)
                    : "-";
            })
        );
    }

    /// <summary>Reads the bot's files (read-only, shared with the bot writing them).</summary>
    public static ExtGapRecords Read(ExtGapBot bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var version = VersionOf(bot);
        var problems = new List<string>();
        var gaps = CsvTable.ReadRows(
            bot.GapsPath,
            GapColumns,
            t => new GapRow(
                t.Time("detected_at_utc"),
                t.Text("polarity"),
                t.Decimal("gap_level"),
                t.Time("gap_opening_bar_time"),
                t.Time("detection_bar_time"),
                t.Boolean("is_first_gap"),
                t.Boolean("is_reversal"),
                t.Integer("sequence_number")
            ),
            problems
        );
        var trades = CsvTable.ReadRows(
            bot.TradesPath,
            TradeColumns,
            t => new TradeRow(
                t.Text("Status"),
                t.Time("Open Time"),
                t.Time("Close Time"),
                t.Text("Side"),
                t.Decimal("Entry Price"),
                t.Decimal("Exit Price"),
                t.Decimal("Position Size ($)"),
                t.Decimal("Realized P&L"),
                t.Decimal("Total Fees"),
                t.Text("Close Reason"),
                t.Decimal("Cumulative P&L")
            ),
            problems
        );
        var (position, pending, totals, hasState) = ReadState(bot.StatePath, problems);
        return new ExtGapRecords(gaps, trades, position, pending, totals, hasState, version, problems);
    }

    private static (OpenPosition?, string?, Totals?, bool) ReadState(string path, List<string> problems)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, null, null, false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: cannot read it: {e.Message}");
            return (null, null, null, false);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var trader = document.RootElement.GetProperty("Trader");
            OpenPosition? position = null;
            if (trader.TryGetProperty("OpenPosition", out var open) && open.ValueKind == JsonValueKind.Object)
            {
                position = new OpenPosition(
                    open.GetProperty("Side").GetString() ?? "?",
                    open.GetProperty("EntryPrice").GetDecimal(),
                    open.GetProperty("EntryTime").GetDateTimeOffset().ToUniversalTime(),
                    open.GetProperty("Notional").GetDecimal()
                );
            }

            var pending =
                trader.TryGetProperty(PendingEntryKey, out var p) && p.ValueKind == JsonValueKind.String
                    ? p.GetString()
                    : null;
            Totals? totals = null;
            if (trader.TryGetProperty(TotalsKey, out var t) && t.ValueKind == JsonValueKind.Object)
            {
                totals = new Totals(
                    t.GetProperty("Wins").GetInt32(),
                    t.GetProperty("Losses").GetInt32(),
                    t.GetProperty("Breakevens").GetInt32(),
                    t.GetProperty("CumulativePnl").GetDecimal(),
                    t.GetProperty("CumulativeFees").GetDecimal()
                );
            }

            return (position, pending, totals, true);
        }
        catch (Exception e)
            when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // The bot writes it atomically (temp file, fsync, rename): a bad file is one it refuses too.
            problems.Add($"{path}: not a state file the dashboard can read: {e.Message}");
            return (null, null, null, true);
        }
    }
}
