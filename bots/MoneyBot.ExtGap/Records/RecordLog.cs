using Microsoft.Extensions.Logging;

namespace MoneyBot.ExtGap.Records;

/// <summary>What opening a records file repaired, logged once per file and start.</summary>
internal static partial class RecordLog
{
    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Path}: dropped the last {Bytes} bytes, a row cut short (a crash or a full disk while writing it)"
    )]
    public static partial void DroppedTornRow(ILogger logger, string path, long bytes);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Path}: wrote again the row for {Key:O} that the state counts and the file lacked"
    )]
    public static partial void RowRestored(ILogger logger, string path, DateTimeOffset key);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Path}: the file's last row is {FileKey:O} but the state counts rows up to {StateKey:O}; those "
            + "cannot be rebuilt (the state keeps only the last row, and the row before it is not in the file): "
            + "rows go on after {StateKey:O}"
    )]
    public static partial void RowsMissing(
        ILogger logger,
        string path,
        DateTimeOffset? fileKey,
        DateTimeOffset stateKey
    );
}
