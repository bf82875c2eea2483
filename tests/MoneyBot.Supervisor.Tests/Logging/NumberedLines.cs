using System.IO.Pipes;
using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Tests.Logging;

/// <summary>
/// Floods a pipe with numbered lines (<c>O000000042 kkkk...</c>) and checks rotated log files for
/// every line exactly once, in order, whole, with no file over its maximum size.
/// </summary>
internal static class NumberedLines
{
    private const int MaxLineLength = 12 + 120;

    /// <summary>
    /// A pipe fed with numbered lines by a background task that closes it when done; the task gives the line count.
    /// </summary>
    public static (Stream Reader, Task<int> Lines) Flood(char tag, long bytes, int seed)
    {
        var server = new AnonymousPipeServerStream(PipeDirection.Out);
        var reader = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var lines = Task.Run(async () =>
        {
            await using (server)
            {
                return await WriteAsync(server, tag, bytes, seed);
            }
        });
        return (reader, lines);
    }

    /// <summary>
    /// Writes lines until <paramref name="bytes"/> are written, in writes of random sizes that cut lines anywhere.
    /// </summary>
    public static async Task<int> WriteAsync(Stream destination, char tag, long bytes, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[256 * 1024];
        var n = 0;
        for (long total = 0; total < bytes; )
        {
            var filled = 0;
            while (filled + MaxLineLength <= buffer.Length && total + filled < bytes)
            {
                filled += Format(buffer.AsSpan(filled), tag, n++);
            }

            for (var offset = 0; offset < filled; )
            {
                var size = Math.Min(filled - offset, random.Next(1, 70_000));
                await destination.WriteAsync(buffer.AsMemory(offset, size));
                offset += size;
            }

            total += filled;
        }

        return n;
    }

    /// <summary>
    /// Line <paramref name="n"/> of stream <paramref name="tag"/>, with its newline; returns its length.
    /// </summary>
    public static int Format(Span<byte> destination, char tag, int n)
    {
        destination[0] = (byte)tag;
        n.TryFormat(destination[1..10], out _, "D9", System.Globalization.CultureInfo.InvariantCulture);
        destination[10] = (byte)' ';
        var pad = n * 7 % 120;
        destination.Slice(11, pad).Fill((byte)('a' + (n % 26)));
        destination[11 + pad] = (byte)'\n';
        return 12 + pad;
    }

    /// <summary>
    /// Reads <c>path.backups</c> .. <c>path.1</c>, <c>path</c> in that order and checks that the lines of
    /// each tag are 0 .. count-1, each whole, each preceded by <paramref name="prefix"/>.
    /// </summary>
    public static void Verify(
        string path,
        int backups,
        long maxSize,
        IReadOnlyDictionary<char, int> counts,
        byte[] prefix
    )
    {
        Assert.False(File.Exists(RotatingLogFile.BackupPath(path, backups)), "backups ran out: lines were dropped");
        var next = counts.Keys.ToDictionary(k => k, _ => 0);
        var expected = new byte[MaxLineLength];
        var files = Enumerable
            .Range(0, backups + 1)
            .Reverse()
            .Select(i => RotatingLogFile.BackupPath(path, i))
            .Where(File.Exists);
        foreach (var file in files)
        {
            var data = File.ReadAllBytes(file).AsSpan();
            Assert.True(data.Length <= maxSize, $"{file} has {data.Length} bytes, over {maxSize}");
            Assert.True(data.IsEmpty || data[^1] == (byte)'\n', $"{file} ends mid-line");
            while (!data.IsEmpty)
            {
                var end = data.IndexOf((byte)'\n') + 1;
                var line = data[..end];
                data = data[end..];
                if (!line.StartsWith(prefix))
                {
                    Assert.Fail($"{file}: line without the expected prefix");
                }

                line = line[prefix.Length..];
                var tag = (char)line[0];
                if (!next.TryGetValue(tag, out var n))
                {
                    Assert.Fail($"{file}: line with unknown tag '{tag}'");
                }

                var length = Format(expected, tag, n);
                if (!line.SequenceEqual(expected.AsSpan(0, length)))
                {
                    Assert.Fail($"{file}: expected line {tag}{n}, got '{System.Text.Encoding.UTF8.GetString(line)}'");
                }

                next[tag] = n + 1;
            }
        }

        foreach (var (tag, count) in counts)
        {
            Assert.Equal(count, next[tag]);
        }
    }
}
