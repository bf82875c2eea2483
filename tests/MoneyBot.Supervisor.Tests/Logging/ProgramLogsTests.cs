using System.Diagnostics;
using System.Text;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MoneyBot.Supervisor.Tests.Logging;

public sealed class ProgramLogsTests(ITestOutputHelper output) : IDisposable
{
    private const string Stamp = "2026-11-21T23:27:13.123Z ";

    private readonly TempDirectory _dir = new();
    private readonly TestClock _clock = new();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 120000)]
    public async Task A_flood_on_stdout_and_stderr_keeps_every_line_once_in_order_and_whole_within_the_size_limit()
    {
        // Arrange: 50 MB on each pipe, 1 MB files, enough backups to keep everything.
        const long PerStream = 50L * 1024 * 1024;
        var settings = new LogSettings(MaxSize: 1024 * 1024, Backups: 80, Timestamps: false, StderrMode.Separate);
        await using var logs = new ProgramLogs(_dir.Path, "flood", settings, _clock);
        var (stdout, outLines) = NumberedLines.Flood('O', PerStream, seed: 1);
        var (stderr, errLines) = NumberedLines.Flood('E', PerStream, seed: 2);

        // Act
        var watch = Stopwatch.StartNew();
        await using (stdout)
        await using (stderr)
        {
            await logs.PumpAsync(stdout, stderr);
        }

        watch.Stop();

        // Assert
        var total = logs.BytesWritten;
        output.WriteLine(
            $"{total / 1e6:F0} MB in {watch.Elapsed.TotalSeconds:F2} s = "
                + $"{total / 1e6 / watch.Elapsed.TotalSeconds:F0} MB/s"
        );
        NumberedLines.Verify(
            logs.StdoutPath,
            80,
            settings.MaxSize,
            new Dictionary<char, int> { ['O'] = await outLines },
            []
        );
        NumberedLines.Verify(
            logs.StderrPath!,
            80,
            settings.MaxSize,
            new Dictionary<char, int> { ['E'] = await errLines },
            []
        );
        Assert.True(total >= 2 * PerStream);
    }

    [Fact(Timeout = 60000)]
    public async Task Merged_stderr_interleaves_with_stdout_only_between_whole_lines()
    {
        // Arrange: both pipes into one timestamped file that rotates often.
        var settings = new LogSettings(MaxSize: 256 * 1024, Backups: 100, Timestamps: true, StderrMode.Merge);
        await using var logs = new ProgramLogs(_dir.Path, "merged", settings, _clock);
        var (stdout, outLines) = NumberedLines.Flood('O', 6 * 1024 * 1024, seed: 3);
        var (stderr, errLines) = NumberedLines.Flood('E', 6 * 1024 * 1024, seed: 4);

        // Act
        await using (stdout)
        await using (stderr)
        {
            await logs.PumpAsync(stdout, stderr);
        }

        // Assert
        Assert.Null(logs.StderrPath);
        Assert.False(File.Exists(ProgramLogs.ErrPath(_dir.Path, "merged")));
        var counts = new Dictionary<char, int> { ['O'] = await outLines, ['E'] = await errLines };
        NumberedLines.Verify(logs.StdoutPath, 100, settings.MaxSize, counts, Encoding.ASCII.GetBytes(Stamp));
    }

    [Fact(Timeout = 30000)]
    public async Task Timestamps_prefix_every_line_with_utc_time_and_a_final_unterminated_line_is_completed()
    {
        // Arrange
        var settings = LogSettings.Default with { Timestamps = true };
        await using var logs = new ProgramLogs(_dir.Path, "app", settings, _clock);

        // Act
        await logs.PumpAsync(Stream("alpha\nbeta\r\ngamma"), Stream("oops\n"));

        // Assert
        Assert.Equal($"{Stamp}alpha\n{Stamp}beta\r\n{Stamp}gamma\n", await File.ReadAllTextAsync(logs.StdoutPath));
        Assert.Equal($"{Stamp}oops\n", await File.ReadAllTextAsync(_dir.File("app.err.log")));
    }

    [Fact(Timeout = 30000)]
    public async Task A_line_longer_than_the_read_buffer_arrives_in_pieces_and_is_written_whole_in_one_file()
    {
        // Arrange: a 300 KB line among short ones, written in 4 KB pieces, into 512 KB files.
        var settings = new LogSettings(MaxSize: 512 * 1024, Backups: 20, Timestamps: false, StderrMode.Separate);
        await using var logs = new ProgramLogs(_dir.Path, "long", settings, _clock);
        var longLine = new string('L', 300_000);
        var text = new StringBuilder();
        for (var i = 0; i < 4; i++)
        {
            text.Append(string.Concat(Enumerable.Range(0, 1000).Select(n => $"short {i}.{n}\n")))
                .Append(longLine)
                .Append('\n');
        }

        // Act
        await logs.PumpAsync(new TrickleStream(Encoding.ASCII.GetBytes(text.ToString()), 4096), Stream(""));

        // Assert
        var files = Enumerable
            .Range(0, 21)
            .Reverse()
            .Select(i => RotatingLogFile.BackupPath(logs.StdoutPath, i))
            .Where(File.Exists)
            .ToList();
        Assert.True(files.Count > 1, "the test should cross a rotation");
        var lines = files.SelectMany(f => File.ReadAllText(f).Split('\n')[..^1]).ToList();
        Assert.Equal(text.ToString().Split('\n')[..^1], lines);
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, settings.MaxSize));
    }

    [Theory(Timeout = 30000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Output_that_comes_and_goes_keeps_every_line_whole_as_the_pump_switches_buffer_sizes(bool stamps)
    {
        // Arrange: lines of 0 to 9,000 bytes, read in pieces that sometimes drain the pipe (quiet buffer next) and
        // sometimes fill what was asked (flow buffer next), so every switch happens with and without a partial line.
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            text.Append(i).Append(' ').Append('x', random.Next(random.Next(4) == 0 ? 9000 : 60)).Append('\n');
        }

        var settings = new LogSettings(MaxSize: 64 * 1024 * 1024, Backups: 1, Timestamps: stamps, StderrMode.Separate);
        await using var logs = new ProgramLogs(_dir.Path, "bursty", settings, _clock);
        var data = Encoding.ASCII.GetBytes(text.ToString());

        // Act
        await logs.PumpAsync(new BurstyStream(data, [3, 4095, 70_000, 100, 9000, 1, 65_535, 5000]), Stream(""));

        // Assert
        var written = (await File.ReadAllTextAsync(logs.StdoutPath)).Split('\n')[..^1];
        var expected = text.ToString().Split('\n')[..^1];
        Assert.Equal(expected, stamps ? written.Select(l => l[Stamp.Length..]) : written);
    }

    [Fact(Timeout = 30000)]
    public async Task A_line_over_one_mebibyte_is_broken_into_pieces_of_that_size()
    {
        // Arrange
        var settings = new LogSettings(MaxSize: 16 * 1024 * 1024, Backups: 1, Timestamps: false, StderrMode.Merge);
        await using var logs = new ProgramLogs(_dir.Path, "huge", settings, _clock);
        var length = (5 * LinePump.MaxLineLength / 2) + 10;

        // Act
        await logs.PumpAsync(Stream(new string('x', length) + "\nafter\n"), Stream(""));

        // Assert
        var piece = LinePump.MaxLineLength - 1;
        var lines = (await File.ReadAllTextAsync(logs.StdoutPath)).Split('\n');
        Assert.Equal([piece, piece, length - (2 * piece), 5, 0], lines.Select(l => l.Length));
        Assert.Equal("after", lines[3]);
    }

    [Fact(Timeout = 30000)]
    public async Task RecentErrorLines_keeps_the_last_twenty_stderr_lines_without_timestamps()
    {
        // Arrange
        var settings = LogSettings.Default with { Timestamps = true };
        await using var logs = new ProgramLogs(_dir.Path, "app", settings, _clock);
        var stderr = string.Concat(Enumerable.Range(1, 30).Select(i => $"err {i}\n"));

        // Act
        await logs.PumpAsync(Stream("out 1\nout 2\n"), Stream(stderr));

        // Assert
        Assert.Equal(Enumerable.Range(11, 20).Select(i => $"err {i}"), logs.RecentErrorLines());
    }

    [Fact(Timeout = 30000)]
    public async Task RecentErrorLines_of_a_merged_log_are_the_last_lines_of_either_stream_across_restarts()
    {
        // Arrange
        var settings = LogSettings.Default with { Timestamps = false, Stderr = StderrMode.Merge };
        await using var logs = new ProgramLogs(_dir.Path, "app", settings, _clock);
        var first = string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i}\n"));

        // Act: two processes of the same program, the second dying with one line on stderr.
        await logs.PumpAsync(Stream(first), Stream(""));
        await logs.PumpAsync(Stream(""), Stream("fatal: boom"));

        // Assert
        Assert.Equal([.. Enumerable.Range(12, 19).Select(i => $"line {i}"), "fatal: boom"], logs.RecentErrorLines());
        Assert.Equal(first + "fatal: boom\n", await File.ReadAllTextAsync(logs.StdoutPath));
        Assert.Equal(new FileInfo(logs.StdoutPath).Length, logs.BytesWritten);
    }

    [Fact(Timeout = 30000)]
    public async Task Secrets_in_program_output_never_reach_the_files_or_the_recent_lines()
    {
        // Arrange
        var masker = new SecretMasker(["s3cr3t-api-key"]);
        await using var logs = new ProgramLogs(_dir.Path, "app", LogSettings.Default, _clock, masker: masker);

        // Act
        await logs.PumpAsync(Stream("using s3cr3t-api-key\n"), Stream("rejected: s3cr3t-api-key, s3cr3t-api-key\n"));

        // Assert
        Assert.Equal($"{Stamp}using ***\n", await File.ReadAllTextAsync(logs.StdoutPath));
        Assert.Equal($"{Stamp}rejected: ***, ***\n", await File.ReadAllTextAsync(logs.StderrPath!));
        Assert.Equal(["rejected: ***, ***"], logs.RecentErrorLines());
    }

    [Fact(Timeout = 30000)]
    public async Task Dispose_is_idempotent_and_pumping_afterwards_is_refused()
    {
        // Arrange
        var logs = new ProgramLogs(_dir.Path, "app", LogSettings.Default, _clock);
        await logs.PumpAsync(Stream("one\n"), Stream(""));

        // Act
        await logs.DisposeAsync();
        await logs.DisposeAsync();

        // Assert
        await Assert.ThrowsAsync<ObjectDisposedException>(() => logs.PumpAsync(Stream("two\n"), Stream("")));
        Assert.EndsWith(" one\n", await File.ReadAllTextAsync(logs.StdoutPath));
    }

    [Fact(Timeout = 30000)]
    public async Task Byte_counters_count_each_stream_across_rotation_and_reopened_files()
    {
        var counters = (Stdout: new ByteCounter(), Stderr: new ByteCounter());
        var small = new LogSettings(MaxSize: 64, Backups: 1, Timestamps: false, StderrMode.Separate);
        var outText = string.Concat(Enumerable.Range(0, 10).Select(i => $"out line {i:D3} of ten\n"));
        await using (var logs = new ProgramLogs(_dir.Path, "count", small, _clock, counters: counters))
        {
            await logs.PumpAsync(Stream(outText), Stream("err\n"));
        }

        Assert.Equal(Encoding.UTF8.GetByteCount(outText), counters.Stdout.Total); // rotated several times
        Assert.Equal(4, counters.Stderr.Total);

        // A reload that changes logs: reopens the files with the same counters; merged stderr counts as stdout.
        var merged = small with { Stderr = StderrMode.Merge };
        await using (var logs = new ProgramLogs(_dir.Path, "count", merged, _clock, counters: counters))
        {
            await logs.PumpAsync(Stream("more\n"), Stream("err2\n"));
        }

        Assert.Equal(Encoding.UTF8.GetByteCount(outText) + 10, counters.Stdout.Total);
        Assert.Equal(4, counters.Stderr.Total);
    }

    [Fact]
    public void A_program_name_that_is_not_a_file_name_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ProgramLogs(_dir.Path, "../escape", LogSettings.Default, _clock));
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
