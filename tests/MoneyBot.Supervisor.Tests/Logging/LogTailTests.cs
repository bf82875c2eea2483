using System.Text;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Logging;

public sealed class LogTailTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadLast_continues_into_the_backups_and_returns_the_oldest_line_first()
    {
        // Arrange: 50 lines of 20 bytes, five per file, so ten files.
        var path = _dir.File("app.out.log");
        using (var file = new RotatingLogFile(path, maxSize: 100, backups: 10))
        {
            for (var i = 1; i <= 50; i++)
            {
                file.Write(Encoding.UTF8.GetBytes(Line(i) + "\n"));
            }
        }

        // Act
        var last23 = LogTail.ReadLast(path, 23, backups: 10);
        var everything = LogTail.ReadLast(path, 1000, backups: 10);
        var limited = LogTail.ReadLast(path, 1000, backups: 1);

        // Assert
        Assert.Equal(Enumerable.Range(28, 23).Select(Line), last23);
        Assert.Equal(Enumerable.Range(1, 50).Select(Line), everything);
        Assert.Equal(Enumerable.Range(41, 10).Select(Line), limited);
    }

    [Fact]
    public void ReadLast_of_a_large_file_returns_its_last_lines()
    {
        // Arrange: about 10 MB in lines longer than the tail's read block would suggest.
        var path = _dir.File("big.out.log");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 1; i <= 100_000; i++)
            {
                writer.Write(Line(i));
                writer.Write(new string('x', 80));
                writer.Write('\n');
            }
        }

        // Act
        var last = LogTail.ReadLast(path, 3, backups: 3);

        // Assert
        Assert.Equal(Enumerable.Range(99_998, 3).Select(i => Line(i) + new string('x', 80)), last);
    }

    [Fact]
    public void ReadLast_of_a_missing_file_is_empty()
    {
        Assert.Empty(LogTail.ReadLast(_dir.File("none.out.log"), 10, backups: 3));
    }

    [Fact(Timeout = 30000)]
    public async Task FollowAsync_yields_new_lines_and_reads_the_old_file_to_its_end_across_a_rotation()
    {
        // Arrange: 20-byte lines, five per file.
        var clock = new TestClock();
        var path = _dir.File("app.out.log");
        using var file = new RotatingLogFile(path, maxSize: 100, backups: 3);
        Write(file, 1);
        using var cts = new CancellationTokenSource();
        await using var lines = LogTail.FollowAsync(path, clock, cts.Token).GetAsyncEnumerator(cts.Token);

        // Act / Assert: lines written after the call are seen, the earlier one is not.
        Write(file, 2, 3);
        Assert.Equal(Line(2), await NextAsync(lines, clock));
        Assert.Equal(Line(3), await NextAsync(lines, clock));

        // Between two polls: two lines reach the old file, then it rotates and the new one gets two.
        Write(file, 4, 5, 6, 7);
        Assert.Equal(1, file.Rotations);
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(await NextAsync(lines, clock));
        }

        Assert.Equal([Line(4), Line(5), Line(6), Line(7)], seen);

        // And it keeps following the new file.
        Write(file, 8);
        Assert.Equal(Line(8), await NextAsync(lines, clock));
        await cts.CancelAsync();
    }

    [Fact(Timeout = 30000)]
    public async Task FollowAsync_starts_over_when_the_file_is_truncated_in_place()
    {
        // Arrange: no backups, so rotation truncates; 20-byte lines, five per file.
        var clock = new TestClock();
        var path = _dir.File("app.out.log");
        using var file = new RotatingLogFile(path, maxSize: 100, backups: 0);
        Write(file, 1, 2, 3);
        using var cts = new CancellationTokenSource();
        await using var lines = LogTail.FollowAsync(path, clock, cts.Token).GetAsyncEnumerator(cts.Token);
        Write(file, 4);
        Assert.Equal(Line(4), await NextAsync(lines, clock));

        // Act: line 6 truncates the file.
        Write(file, 5, 6);
        var first = await NextAsync(lines, clock);

        // Assert: line 5 may be lost to the truncation (it was never shown), line 6 is not.
        Assert.Contains(first, new[] { Line(5), Line(6) });
        if (first == Line(5))
        {
            Assert.Equal(Line(6), await NextAsync(lines, clock));
        }

        await cts.CancelAsync();
    }

    /// <summary>The next line, advancing the clock by a poll interval whenever the follower waits on it.</summary>
    private static async Task<string> NextAsync(IAsyncEnumerator<string> lines, TestClock clock)
    {
        var next = lines.MoveNextAsync().AsTask();
        while (!next.IsCompleted)
        {
            var waiting = clock.WhenTimerPendingAsync();
            if (await Task.WhenAny(next, waiting) == waiting)
            {
                clock.Advance(LogTail.PollInterval);
            }
        }

        Assert.True(await next);
        return lines.Current;
    }

    private static void Write(RotatingLogFile file, params int[] numbers)
    {
        foreach (var n in numbers)
        {
            file.Write(Encoding.UTF8.GetBytes(Line(n) + "\n"));
        }

        file.Flush();
    }

    private static string Line(int n) => RotatingLogFileTests.Text(n, 20);
}
