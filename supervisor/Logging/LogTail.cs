using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MoneyBot.Supervisor.Logging;

/// <summary>Reading rotated log files the way <c>logs [-n N] [-f]</c> shows them.</summary>
public static class LogTail
{
    /// <summary>How often <see cref="FollowAsync"/> looks for new data.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private const int BlockSize = 64 * 1024;

    /// <summary>
    /// The last <paramref name="lines"/> lines of <paramref name="path"/>, continuing into
    /// <c>path.1</c>, <c>path.2</c> ... (up to <paramref name="backups"/>) when the live file has fewer;
    /// oldest first. Reads each file backwards from its end, so only about what is shown is read.
    /// </summary>
    public static IReadOnlyList<string> ReadLast(string path, int lines, int backups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(backups);
        var result = new List<string>(Math.Min(lines, 1024));
        for (var i = 0; i <= backups && result.Count < lines; i++)
        {
            result.InsertRange(0, ReadLastOfFile(RotatingLogFile.BackupPath(path, i), lines - result.Count));
        }

        return result;
    }

    /// <summary>
    /// The lines appended to <paramref name="path"/> after this call, as they come, until cancelled
    /// (which ends the sequence with <see cref="OperationCanceledException"/>). Survives rotation:
    /// the old file is read to its end before the new one is read from its start. Truncation in place
    /// restarts from the beginning. Polls every <see cref="PollInterval"/>; if the file rotates more
    /// than once between two polls, the files in between are skipped (they are still on disk).
    /// </summary>
    public static IAsyncEnumerable<string> FollowAsync(
        string path,
        TimeProvider time,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);

        // Open now, not at the first MoveNextAsync, so "after this call" means what it says.
        var file = LogFileCursor.OpenAtEnd(Path.GetFullPath(path));
        return FollowCoreAsync(file, time, cancellationToken);
    }

    private static async IAsyncEnumerable<string> FollowCoreAsync(
        LogFileCursor file,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        try
        {
            while (true)
            {
                // Check for rotation before draining: whatever reached the old file before it was
                // renamed is then read below, and only after that do we move to the new file.
                var rotated = file.IsReplaced();
                bool more;
                do
                {
                    foreach (var line in file.ReadNewLines(final: rotated, out more))
                    {
                        yield return line;
                    }
                } while (more);

                if (rotated)
                {
                    file = file.Reopen();
                    continue;
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
        finally
        {
            file.Dispose();
        }
    }

    private static List<string> ReadLastOfFile(string file, int count)
    {
        if (count == 0)
        {
            return [];
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Fewer backups exist than could: nothing more to show from this one.
            return [];
        }

        using (handle)
        {
            var length = RandomAccess.GetLength(handle);
            var start = length;
            var newlines = 0;
            var blocks = new List<byte[]>();

            // count + 1 newlines, because the file's last byte is normally the last line's own '\n'.
            while (start > 0 && newlines <= count)
            {
                var size = (int)Math.Min(BlockSize, start);
                start -= size;
                var block = new byte[size];
                size = RandomAccess.Read(handle, block, start);
                newlines += block.AsSpan(0, size).Count((byte)'\n');
                blocks.Add(block[..size]);
            }

            blocks.Reverse();
            var bytes = blocks.SelectMany(b => b).ToArray().AsSpan();
            if (start > 0)
            {
                // The first block starts mid-line; that line is older than what we show.
                bytes = bytes[(bytes.IndexOf((byte)'\n') + 1)..];
            }

            var lines = SplitLines(Encoding.UTF8.GetString(bytes));
            return lines.Count > count ? lines.GetRange(lines.Count - count, count) : lines;
        }
    }

    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        foreach (var range in text.AsSpan().Split('\n'))
        {
            lines.Add(text[range].TrimEnd('\r'));
        }

        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
