using System.Text;
using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Tests.Logging;

public sealed class RotatingLogFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Full_files_shift_to_numbered_backups_in_order_and_the_oldest_is_dropped()
    {
        // Arrange: 50-byte lines, two per 100-byte file, two backups.
        var path = _dir.File("app.out.log");
        using var file = new RotatingLogFile(path, maxSize: 100, backups: 2);

        // Act
        for (var i = 1; i <= 10; i++)
        {
            file.Write(Line(i, 50));
        }

        file.Flush();

        // Assert
        Assert.Equal([Text(9, 50), Text(10, 50)], ReadLines(path));
        Assert.Equal([Text(7, 50), Text(8, 50)], ReadLines(path + ".1"));
        Assert.Equal([Text(5, 50), Text(6, 50)], ReadLines(path + ".2"));
        Assert.False(File.Exists(path + ".3"));
        Assert.Equal(4, file.Rotations);
        var used = Directory.GetFiles(_dir.Path).Sum(f => new FileInfo(f).Length);
        Assert.True(used <= 100 * (2 + 1), $"{used} bytes on disk");
    }

    [Fact]
    public void A_chunk_of_many_lines_is_cut_at_a_line_boundary_so_no_line_spans_two_files()
    {
        // Arrange: lines of 7 to 60 bytes, all in one write.
        var path = _dir.File("app.out.log");
        var expected = Enumerable.Range(1, 200).Select(i => Text(i, 7 + (i * 13 % 54))).ToList();
        var chunk = Encoding.UTF8.GetBytes(string.Concat(expected.Select(l => l + "\n")));
        using var file = new RotatingLogFile(path, maxSize: 256, backups: 100);

        // Act
        file.Write(chunk);
        file.Flush();

        // Assert
        var files = Enumerable
            .Range(0, 101)
            .Select(i => RotatingLogFile.BackupPath(path, i))
            .Where(File.Exists)
            .Reverse()
            .ToList();
        Assert.All(files, f =>
        {
            var bytes = File.ReadAllBytes(f);
            Assert.InRange(bytes.Length, 1, 256);
            Assert.Equal((byte)'\n', bytes[^1]);
        });
        Assert.Equal(expected, files.SelectMany(ReadLines));
    }

    [Fact]
    public void With_no_backups_the_file_is_truncated_instead_of_renamed()
    {
        // Arrange
        var path = _dir.File("app.out.log");
        using var file = new RotatingLogFile(path, maxSize: 100, backups: 0);

        // Act
        for (var i = 1; i <= 5; i++)
        {
            file.Write(Line(i, 50));
        }

        file.Flush();

        // Assert
        Assert.Equal([Text(5, 50)], ReadLines(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void An_existing_file_is_appended_to_and_its_size_counts_toward_the_limit()
    {
        // Arrange
        var path = _dir.File("app.out.log");
        File.WriteAllText(path, Text(0, 80) + "\n");
        using var file = new RotatingLogFile(path, maxSize: 100, backups: 1);

        // Act
        file.Write(Line(1, 10));
        file.Write(Line(2, 30));
        file.Flush();

        // Assert
        Assert.Equal([Text(0, 80), Text(1, 10)], ReadLines(path + ".1"));
        Assert.Equal([Text(2, 30)], ReadLines(path));
    }

    [Fact]
    public void A_line_longer_than_the_maximum_size_gets_a_file_of_its_own()
    {
        // Arrange
        var path = _dir.File("app.out.log");
        using var file = new RotatingLogFile(path, maxSize: 100, backups: 3);

        // Act
        file.Write(Line(1, 20));
        file.Write(Line(2, 250));
        file.Write(Line(3, 20));
        file.Flush();

        // Assert
        Assert.Equal([Text(1, 20)], ReadLines(path + ".2"));
        Assert.Equal([Text(2, 250)], ReadLines(path + ".1"));
        Assert.Equal([Text(3, 20)], ReadLines(path));
    }

    /// <summary>Line <paramref name="n"/>, <paramref name="length"/> bytes long including its newline.</summary>
    internal static string Text(int n, int length) => $"{n:D5} ".PadRight(length - 1, (char)('a' + (n % 26)));

    private static byte[] Line(int n, int length) => Encoding.UTF8.GetBytes(Text(n, length) + "\n");

    private static List<string> ReadLines(string path) => [.. File.ReadAllLines(path)];
}
