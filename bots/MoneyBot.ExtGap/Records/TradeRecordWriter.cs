using Microsoft.Extensions.Logging;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Records;

/// <summary>The trades file: one row per closed position, with the running totals.</summary>
public sealed class TradeRecordWriter : IDisposable
{
    /// <summary>The header, as the users' analysis expects it.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Status",
        "Open Time",
        "Close Time",
        "Market",
        "Side",
        "Entry Price",
        "Exit Price",
        "Position Size ($)",
        "Position Size (Qty)",
        "Gross P&L",
        "Realized P&L",
        "Total Fees",
        "Close Reason",
        "Cumulative Wins",
        "Cumulative Losses",
        "Cumulative P&L",
        "Cumulative Fees",
    ];

    private const int KeyColumn = 2;
    private readonly CsvRecordFile _file;

    private TradeRecordWriter(CsvRecordFile file) => _file = file;

    /// <summary>Rows written by this writer.</summary>
    public int Written { get; private set; }

    /// <summary>Trades not written because the file already had them.</summary>
    public int Skipped { get; private set; }

    /// <summary>Close time of the last row in the file (save it in the state).</summary>
    public DateTimeOffset? LastWritten => _file.LastKey;

    /// <summary>The file's last row as written (save it in the state: a cut row is written again from it).</summary>
    public CsvTail? LastRow => _file.Tail;

    /// <summary>The file's full path.</summary>
    public string Path => _file.Path;

    /// <summary>
    /// Opens or creates the file; <paramref name="lastWritten"/> and <paramref name="lastRow"/> are the state's
    /// memory of the last row. A row cut short at the end is dropped, and written again from
    /// <paramref name="lastRow"/> when the state counts it (logged to <paramref name="logger"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists with another header.</exception>
    public static TradeRecordWriter Open(
        string path,
        DateTimeOffset? lastWritten = null,
        CsvTail? lastRow = null,
        ILogger? logger = null
    ) => new(CsvRecordFile.Open(path, Columns, KeyColumn, lastWritten, lastRow, logger));

    /// <summary>The trades file's word for a close reason.</summary>
    public static string ReasonName(CloseReason reason) => reason == CloseReason.Expiry ? "24H_EXPIRY" : "REVERSE";

    /// <summary>Appends the trade unless a row with its close time (or a later one) is already written.</summary>
    public bool Write(ClosedTrade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (!_file.ShouldWrite(trade.CloseTime))
        {
            Skipped++;
            return false;
        }

        _file
            .Writer.Field(
                trade.Status switch
                {
                    TradeStatus.Win => "WIN",
                    TradeStatus.Loss => "LOSS",
                    _ => "BREAKEVEN",
                }
            )
            .Field(trade.OpenTime)
            .Field(trade.CloseTime)
            .Field(trade.Market)
            .Field(trade.Side == PositionSide.Long ? "LONG" : "SHORT")
            .Field(trade.EntryPrice)
            .Field(trade.ExitPrice)
            .Field(trade.Notional)
            .Field(trade.Quantity)
            .Field(trade.GrossPnl)
            .Field(trade.RealizedPnl)
            .Field(trade.TotalFees)
            .Field(ReasonName(trade.Reason))
            .Field(trade.Totals.Wins)
            .Field(trade.Totals.Losses)
            .Field(trade.Totals.CumulativePnl)
            .Field(trade.Totals.CumulativeFees);
        _file.Written(trade.CloseTime);
        Written++;
        return true;
    }

    /// <summary>Pushes buffered rows to the file.</summary>
    public void Flush() => _file.Flush();

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _file.Dispose();
}
