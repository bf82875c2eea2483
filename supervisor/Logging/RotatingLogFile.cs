namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// An append-only log file rotated by size: <c>path</c> becomes <c>path.1</c>, <c>path.1</c> becomes
/// <c>path.2</c> ... up to <c>backups</c> (older files are deleted; with no backups the file is truncated).
/// Disk use is bounded by <c>maxSize x (backups + 1)</c>, except that a single line longer than
/// <c>maxSize</c> still gets written whole into a file of its own. One writer at a time.
/// </summary>
public sealed class RotatingLogFile : IDisposable, IAsyncDisposable
{
    private const int StreamBufferSize = 16 * 1024;

    private readonly long _maxSize;
    private readonly int _backups;
    private FileStream? _stream;
    private long _length;

    /// <summary>
    /// Opens (or creates) <paramref name="path"/> for appending; its current size counts toward the limit.
    /// </summary>
    public RotatingLogFile(string path, long maxSize, int backups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSize);
        ArgumentOutOfRangeException.ThrowIfNegative(backups);
        Path = System.IO.Path.GetFullPath(path);
        _maxSize = maxSize;
        _backups = backups;
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _stream = Open();
        _length = _stream.Length;
    }

    /// <summary>The full path of the live file.</summary>
    public string Path { get; }

    /// <summary>The size of the live file, including bytes not yet flushed.</summary>
    public long Length => _length;

    /// <summary>How many times the file has rotated since it was opened.</summary>
    public long Rotations { get; private set; }

    /// <summary>The path of backup number <paramref name="index"/> (0 is the live file).</summary>
    public static string BackupPath(string path, int index) => index == 0 ? path : $"{path}.{index}";

    /// <summary>
    /// Appends complete lines (the data must end with <c>'\n'</c>). Rotates before any line that would
    /// push the file past its maximum size, so a line is never split between two files.
    /// </summary>
    public void Write(ReadOnlySpan<byte> wholeLines)
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(RotatingLogFile));
        while (!wholeLines.IsEmpty)
        {
            var room = _maxSize - _length;
            int take;
            if (wholeLines.Length <= room)
            {
                take = wholeLines.Length;
            }
            else
            {
                // The longest run of whole lines that still fits; if not even one fits, rotate first,
                // unless the file is empty: then the oversized line gets a file of its own.
                var fits = room > 0 ? wholeLines[..(int)room].LastIndexOf((byte)'\n') + 1 : 0;
                if (fits == 0 && _length > 0)
                {
                    Rotate();
                    stream = _stream!;
                    continue;
                }

                take = fits > 0 ? fits : LineLength(wholeLines);
            }

            stream.Write(wholeLines[..take]);
            _length += take;
            wholeLines = wholeLines[take..];
        }
    }

    /// <summary>Pushes buffered bytes to the operating system so readers (<c>tail -f</c>) see them.</summary>
    public void Flush() => _stream?.Flush();

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        stream?.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static int LineLength(ReadOnlySpan<byte> data)
    {
        var newline = data.IndexOf((byte)'\n');
        return newline < 0 ? data.Length : newline + 1;
    }

    private FileStream Open()
    {
        // ReadWrite + Delete sharing: followers read the file while we write, and rotation renames it.
        var stream = new FileStream(
            Path,
            FileMode.OpenOrCreate,
            FileAccess.Write,
            FileShare.ReadWrite | FileShare.Delete,
            StreamBufferSize
        );
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    private void Rotate()
    {
        var stream = _stream!;
        if (_backups == 0)
        {
            stream.Flush();
            stream.SetLength(0);
            _length = 0;
            Rotations++;
            return;
        }

        stream.Dispose();
        _stream = null;
        try
        {
            File.Delete(BackupPath(Path, _backups));
            for (var i = _backups - 1; i >= 1; i--)
            {
                var from = BackupPath(Path, i);
                if (File.Exists(from))
                {
                    File.Move(from, BackupPath(Path, i + 1), overwrite: true);
                }
            }

            File.Move(Path, BackupPath(Path, 1), overwrite: true);
            Rotations++;
        }
        finally
        {
            // Even if shifting the backups failed, keep a usable file: append to whatever is at Path.
            _stream = Open();
            _length = _stream.Length;
        }
    }
}
