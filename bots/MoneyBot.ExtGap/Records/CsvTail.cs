namespace MoneyBot.ExtGap.Records;

/// <summary>
/// The last row of a records file exactly as it was written (without its line end), and the key of the row before
/// it in the same file (null when it was the first). The state keeps one per file, so that a row cut short by a
/// crash or a full disk can be written again, byte for byte, at the next start.
/// </summary>
/// <param name="Text">The row as written, without the final LF.</param>
/// <param name="PreviousKey">The key of the row before it in the file; null when the file held only its header.</param>
public sealed record CsvTail(string Text, DateTimeOffset? PreviousKey);
