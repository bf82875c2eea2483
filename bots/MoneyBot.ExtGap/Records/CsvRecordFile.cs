using System.Text;

namespace MoneyBot.ExtGap.Records;

/// <summary>
/// An append-only CSV file keyed by a time column: the header goes in only when the file is new
/// (empty), and a row whose key is not after the last written key is never written again, whether
/// that key comes from the saved state or from the file's own last row (a crash between writing a
/// row and saving the state).
/// </summary>
internal sealed class CsvRecordFile : IDisposable
{
    private const int TailBytes = 64 * 1024;
    private readonly StreamWriter _stream;

    private CsvRecordFile(string path, StreamWriter stream, DateTimeOffset? lastKey)
    {
        Path = path;
        _stream = stream;
        Writer = new CsvWriter(stream);
        LastKey = lastKey;
    }

    public string Path { get; }

    public CsvWriter Writer { get; }

    public DateTimeOffset? LastKey { get; private set; }

    /// <summary>Opens (or creates) the file for appending.</summary>
    /// <exception cref="InvalidDataException">The file exists with another header.</exception>
    public static CsvRecordFile Open(
        string path,
        IReadOnlyList<string> header,
        int keyColumn,
        DateTimeOffset? knownLastKey
    )
    {
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        var endsWithNewline = true;
        var lastKey = knownLastKey;
        if (!isNew)
        {
            var (firstLine, lines, endsWithLf) = ReadHeadAndTail(path);
            endsWithNewline = endsWithLf;
            var expected = string.Join(',', header);
            if (firstLine != expected)
            {
                throw new InvalidDataException(
                    $"{path} exists with another header ('{firstLine}', expected '{expected}'): move it aside or "
                        + $"choose another file"
                );
            }

            if (LastKeyIn(lines, keyColumn) is { } fileKey && (lastKey is null || fileKey > lastKey))
            {
                lastKey = fileKey;
            }
        }

        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
        var record = new CsvRecordFile(path, writer, lastKey);
        if (isNew)
        {
            record.Writer.Row(header);
        }
        else if (!endsWithNewline)
        {
            writer.Write('\n'); // the last row was cut short (a crash): keep ours on a line of its own
        }

        return record;
    }

    public bool ShouldWrite(DateTimeOffset key) => LastKey is null || key > LastKey;

    public void Written(DateTimeOffset key) => LastKey = key;

    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();

    private static DateTimeOffset? LastKeyIn(List<string> lines, int keyColumn)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (
                CsvLine.TrySplit(lines[i], out var fields)
                && fields.Count > keyColumn
                && CsvFormat.TryParseTime(fields[keyColumn], out var key)
            )
            {
                return key;
            }
        }

        return null;
    }

    private static (string FirstLine, List<string> TailLines, bool EndsWithNewline) ReadHeadAndTail(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(
            file,
            Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true,
            leaveOpen: true
        );
        var firstLine = reader.ReadLine() ?? "";
        var start = Math.Max(0, file.Length - TailBytes);
        file.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[file.Length - start];
        file.ReadExactly(buffer);
        var lines = Encoding
            .UTF8.GetString(buffer)
            .Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0)
            .ToList();
        if (start > 0 && lines.Count > 0)
        {
            lines.RemoveAt(0); // probably a partial line
        }

        return (firstLine, lines, buffer.Length > 0 && buffer[^1] == (byte)'\n');
    }
}
