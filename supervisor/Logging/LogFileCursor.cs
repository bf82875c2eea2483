using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// An open log file and how far it has been read, for <see cref="LogTail.FollowAsync"/>. Keeps its
/// handle when the file is renamed away by rotation, so the old file can be read to its end.
/// </summary>
internal sealed class LogFileCursor : IDisposable
{
    private const int MaxReadPerCall = 1024 * 1024;

    private readonly string _path;
    private readonly SafeFileHandle? _handle;
    private readonly string? _identity;
    private readonly MemoryStream _partial = new();
    private long _position;

    private LogFileCursor(string path, bool atEnd)
    {
        _path = path;
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Not created yet: IsReplaced reports it once it appears.
            return;
        }

        _identity = Identity(_handle);
        _position = atEnd ? RandomAccess.GetLength(_handle) : 0;
    }

    /// <summary>Opens <paramref name="path"/> positioned at its current end (or waits for it to exist).</summary>
    public static LogFileCursor OpenAtEnd(string path) => new(path, atEnd: true);

    /// <summary>Whether the path now names another file than the one open (rotated, deleted or created).</summary>
    public bool IsReplaced()
    {
        if (_handle is null)
        {
            return File.Exists(_path);
        }

        if (_identity is not null)
        {
            return Identity(_handle) != _identity;
        }

        // Without /proc: a rotated file's successor starts smaller than the file we hold.
        var current = new FileInfo(_path);
        return !current.Exists || current.Length < RandomAccess.GetLength(_handle);
    }

    /// <summary>The cursor for the file now at the path, read from its start.</summary>
    public LogFileCursor Reopen()
    {
        Dispose();
        return new LogFileCursor(_path, atEnd: false);
    }

    /// <summary>
    /// Complete lines appended since the last call (at most about 1 MiB of them; <paramref name="more"/>
    /// says whether more is waiting). With <paramref name="final"/>, a trailing partial line is returned too.
    /// </summary>
    public List<string> ReadNewLines(bool final, out bool more)
    {
        more = false;
        var lines = new List<string>();
        if (_handle is null)
        {
            return lines;
        }

        var length = RandomAccess.GetLength(_handle);
        if (length < _position)
        {
            // Truncated in place (rotation without backups): start over.
            _position = 0;
            _partial.SetLength(0);
        }

        var toRead = (int)Math.Min(length - _position, MaxReadPerCall);
        var data = new byte[toRead];
        var read = toRead == 0 ? 0 : RandomAccess.Read(_handle, data, _position);
        _position += read;
        more = _position < length && read > 0;

        var span = data.AsSpan(0, read);
        var lastNewline = span.LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            _partial.Write(span[..(lastNewline + 1)]);
            lines.AddRange(LogTail.SplitLines(Encoding.UTF8.GetString(_partial.GetBuffer(), 0, (int)_partial.Length)));
            _partial.SetLength(0);
            span = span[(lastNewline + 1)..];
        }

        _partial.Write(span);
        if (final && !more && _partial.Length > 0)
        {
            lines.Add(Encoding.UTF8.GetString(_partial.GetBuffer(), 0, (int)_partial.Length));
            _partial.SetLength(0);
        }

        return lines;
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _partial.Dispose();
    }

    /// <summary>What <c>/proc/self/fd/N</c> points at (the file's current name), or null without /proc.</summary>
    private static string? Identity(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fd = handle.DangerousGetHandle().ToInt32();
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            // No /proc mounted (some containers): fall back to comparing lengths.
            return null;
        }
    }
}
