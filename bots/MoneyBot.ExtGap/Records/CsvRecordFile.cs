using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MoneyBot.ExtGap.Records;

/// <summary>
/// An append-only CSV file keyed by a time column: the header goes in only when the file is new
/// (empty), and a row whose key is not after the last written key is never written again, whether
/// that key comes from the saved state or from the file's own last row (a crash between writing a
/// row and saving the state). At open, a last line without its line end (a row or header cut short by
/// a crash or a full disk) is cut off, and the row the state counts but the file then lacks is written
/// again from the state's copy (<see cref="CsvTail"/>), so the file and the state agree after a crash
/// at any byte.
/// </summary>
internal sealed class CsvRecordFile : IDisposable
{
    private const int TailBytes = 64 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _stream;
    private readonly StringWriter _row = new() { NewLine = "\n" };
    private DateTimeOffset? _lastKeyInFile;

    private CsvRecordFile(string path, StreamWriter stream, DateTimeOffset? lastKeyInFile, CsvTail? tail)
    {
        Path = path;
        _stream = stream;
        Writer = new CsvWriter(_row);
        _lastKeyInFile = lastKeyInFile;
        LastKey = lastKeyInFile;
        Tail = tail;
    }

    public string Path { get; }

    /// <summary>Where the fields of the next row go; <see cref="Written"/> ends it and appends it.</summary>
    public CsvWriter Writer { get; }

    public DateTimeOffset? LastKey { get; private set; }

    /// <summary>The file's last row as written, with the key of the row before it (save it in the state).</summary>
    public CsvTail? Tail { get; private set; }

    /// <summary>
    /// Opens (or creates) the file for appending: cuts a last line that has no line end, checks the header, and
    /// writes again the row the state counts (<paramref name="knownLastKey"/>, <paramref name="knownTail"/>) when
    /// the file lacks exactly that row.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists with another header.</exception>
    public static CsvRecordFile Open(
        string path,
        IReadOnlyList<string> header,
        int keyColumn,
        DateTimeOffset? knownLastKey,
        CsvTail? knownTail = null,
        ILogger? logger = null
    )
    {
        logger ??= NullLogger.Instance;
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var existed = File.Exists(path);
        var headerLine = FormatRow(header);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var dropped = CutTornLine(file, path, headerLine);
            if (dropped > 0)
            {
                RecordLog.DroppedTornRow(logger, path, dropped);
            }

            var isNew = file.Length == 0;
            DateTimeOffset? fileKey = null;
            CsvTail? fileTail = null;
            if (!isNew)
            {
                var (firstLine, lines) = ReadHeadAndTail(file);
                if (firstLine != headerLine)
                {
                    throw new InvalidDataException(
                        $"{path} exists with another header ('{firstLine}', expected '{headerLine}'): move it aside "
                            + "or choose another file"
                    );
                }

                (fileKey, fileTail) = LastRowIn(lines, keyColumn);
            }

            file.Seek(0, SeekOrigin.End);
            var writer = new StreamWriter(file, Utf8, 64 * 1024);
            var record = new CsvRecordFile(path, writer, fileKey, fileTail);
            if (isNew)
            {
                writer.Write(headerLine);
                writer.Write('\n');
            }

            record.Reconcile(existed, knownLastKey, knownTail, keyColumn, logger);
            return record;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool ShouldWrite(DateTimeOffset key) => LastKey is null || key > LastKey;

    /// <summary>Ends the row begun on <see cref="Writer"/> and appends it; <paramref name="key"/>: its key.</summary>
    public void Written(DateTimeOffset key)
    {
        Writer.EndRow();
        var text = _row.ToString();
        _row.GetStringBuilder().Clear();
        _stream.Write(text);
        Tail = new CsvTail(text[..^1], _lastKeyInFile);
        _lastKeyInFile = key;
        LastKey = key;
    }

    public void Flush() => _stream.Flush();

    public void Dispose()
    {
        _stream.Dispose();
        _row.Dispose();
    }

    /// <summary>
    /// Brings the file level with the state: the state's last row is written again when the file's last row is
    /// the one the state says came before it (a single row lost, the only loss a crash or a full disk can cause,
    /// since the rows are flushed before the state is saved). A file that did not exist is a new file (moved
    /// aside on purpose): nothing is written again into it.
    /// </summary>
    private void Reconcile(bool existed, DateTimeOffset? stateKey, CsvTail? stateTail, int keyColumn, ILogger logger)
    {
        if (stateKey is not { } known || (_lastKeyInFile is { } inFile && inFile >= known))
        {
            return; // the file has everything the state counts (or more: a crash before the state was saved)
        }

        LastKey = known;
        if (!existed)
        {
            return;
        }

        if (
            stateTail is { } tail
            && tail.PreviousKey == _lastKeyInFile
            && KeyOf(tail.Text, keyColumn) == known
            && !tail.Text.Contains('\n', StringComparison.Ordinal)
        )
        {
            _stream.Write(tail.Text);
            _stream.Write('\n');
            _stream.Flush();
            (Tail, _lastKeyInFile) = (tail, known);
            RecordLog.RowRestored(logger, Path, known);
        }
        else
        {
            RecordLog.RowsMissing(logger, Path, _lastKeyInFile, known);
        }
    }

    /// <summary>
    /// Cuts everything after the file's last LF (all of it when it has none); returns the bytes dropped. A file
    /// with no LF at all must be the start of the header (a header cut short), else it is another file.
    /// </summary>
    private static long CutTornLine(FileStream file, string path, string headerLine)
    {
        var length = file.Length;
        var buffer = new byte[(int)Math.Min(TailBytes, length)];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var chunk = buffer.AsSpan(0, (int)(end - start));
            file.Seek(start, SeekOrigin.Begin);
            file.ReadExactly(chunk);
            var lf = chunk.LastIndexOf((byte)'\n');
            if (lf >= 0)
            {
                var keep = start + lf + 1;
                file.SetLength(keep);
                return length - keep;
            }

            end = start;
        }

        if (length > 0)
        {
            var expected = Utf8.GetBytes(headerLine);
            file.Seek(0, SeekOrigin.Begin);
            var content = new byte[length];
            file.ReadExactly(content);
            if (length > expected.Length || !expected.AsSpan().StartsWith(content))
            {
                throw new InvalidDataException(
                    $"{path} exists with another header ('{Encoding.UTF8.GetString(content)}', expected "
                        + $"'{headerLine}'): move it aside or choose another file"
                );
            }

            file.SetLength(0);
        }

        return length;
    }

    private static string FormatRow(IReadOnlyList<string> fields)
    {
        using var text = new StringWriter();
        new CsvWriter(text).Row(fields);
        return text.ToString()[..^1];
    }

    private static DateTimeOffset? KeyOf(string line, int keyColumn) =>
        CsvLine.TrySplit(line, out var fields)
        && fields.Count > keyColumn
        && CsvFormat.TryParseTime(fields[keyColumn], out var key)
            ? key
            : null;

    private static (DateTimeOffset? Key, CsvTail? Tail) LastRowIn(List<string> lines, int keyColumn)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (KeyOf(lines[i], keyColumn) is { } key)
            {
                DateTimeOffset? previous = null;
                for (var j = i - 1; j >= 0 && previous is null; j--)
                {
                    previous = KeyOf(lines[j], keyColumn);
                }

                return (key, new CsvTail(lines[i], previous));
            }
        }

        return (null, null);
    }

    private static (string FirstLine, List<string> TailLines) ReadHeadAndTail(FileStream file)
    {
        file.Seek(0, SeekOrigin.Begin);
        string firstLine;
        using (
            var reader = new StreamReader(
                file,
                Encoding.UTF8,
                detectEncodingFromByteOrderMarks: true,
                bufferSize: 4096,
                leaveOpen: true
            )
        )
        {
            firstLine = reader.ReadLine() ?? "";
        }

        var start = Math.Max(0, file.Length - TailBytes);
        file.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[file.Length - start];
        file.ReadExactly(buffer);
        var lines = Encoding.UTF8.GetString(buffer).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.RemoveAt(lines.Count - 1); // what follows the last LF: nothing, the torn line is gone
        if (start > 0 && lines.Count > 0)
        {
            lines.RemoveAt(0); // probably a partial line
        }

        return (firstLine, [.. lines.Where(l => l.Length > 0)]);
    }
}
