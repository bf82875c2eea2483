using Microsoft.Extensions.Logging;
using MoneyBot.ExtGap.Detection;

namespace MoneyBot.ExtGap.Records;

/// <summary>
/// The gaps file: one row per gap, the first included. <c>detected_at_utc</c> comes from the
/// injected clock (wall time live; the detection candle's close time in a replay).
/// </summary>
public sealed class GapRecordWriter : IDisposable
{
    /// <summary>The header, as the users' analysis expects it.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "detected_at_utc",
        "symbol",
        "polarity",
        "gap_level",
        "gap_opening_bar_time",
        "detection_bar_time",
        "is_first_gap",
        "is_reversal",
        "sequence_number",
        "group_size_before_cleanup",
    ];

    private const int KeyColumn = 5;
    private readonly CsvRecordFile _file;
    private readonly string _symbol;
    private readonly TimeProvider _clock;

    private GapRecordWriter(CsvRecordFile file, string symbol, TimeProvider clock)
    {
        (_file, _symbol, _clock) = (file, symbol, clock);
    }

    /// <summary>Rows written by this writer.</summary>
    public int Written { get; private set; }

    /// <summary>Gaps not written because the file already had them.</summary>
    public int Skipped { get; private set; }

    /// <summary>Detection bar time of the last row in the file (save it in the state).</summary>
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
    public static GapRecordWriter Open(
        string path,
        string symbol,
        TimeProvider clock,
        DateTimeOffset? lastWritten = null,
        CsvTail? lastRow = null,
        ILogger? logger = null
    )
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new GapRecordWriter(
            CsvRecordFile.Open(path, Columns, KeyColumn, lastWritten, lastRow, logger),
            symbol,
            clock
        );
    }

    /// <summary>Appends the gap unless a row for its detection bar (or a later one) is already written.</summary>
    public bool Write(in Gap gap)
    {
        if (!_file.ShouldWrite(gap.DetectionBarTime))
        {
            Skipped++;
            return false;
        }

        _file
            .Writer.Field(_clock.GetUtcNow())
            .Field(_symbol)
            .Field(gap.Polarity == GapPolarity.Bullish ? "bullish" : "bearish")
            .Field(gap.Level)
            .Field(gap.OpeningBarTime)
            .Field(gap.DetectionBarTime)
            .Field(gap.IsFirstGap)
            .Field(gap.IsReversal)
            .Field(gap.Sequence)
            .Field(gap.GroupSizeBeforeCleanup);
        _file.Written(gap.DetectionBarTime);
        Written++;
        return true;
    }

    /// <summary>Pushes buffered rows to the file.</summary>
    public void Flush() => _file.Flush();

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _file.Dispose();
}
