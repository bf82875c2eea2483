using System.Globalization;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Supervision;

public sealed class LogFloodTests
{
    private const int Lines = 500_000; // x 100 bytes = 50 MB per stream
    private const long MaxSize = 4L * 1024 * 1024;

    [Fact(Timeout = 120_000)]
    public async Task A_50MB_flood_on_stdout_and_stderr_is_rotated_without_losing_or_splitting_a_line()
    {
        await using var h = ProgramHarness.WithRealClock(dir =>
            TestPrograms.Program(
                "flood",
                dir,
                "--flood",
                Lines.ToString(CultureInfo.InvariantCulture),
                "--flood-stderr",
                "--exit-after",
                "0"
            ) with
            {
                StartSecs = TimeSpan.Zero,
                Restart = RestartMode.Never,
                Logs = new LogSettings(MaxSize, 30, Timestamps: true, StderrMode.Separate),
            }
        );

        await h.Program.StartAsync();
        await h.NextStateAsync(Exited);

        AssertComplete(ProgramLogs.OutPath(h.LogDir, "flood"), "out");
        AssertComplete(ProgramLogs.ErrPath(h.LogDir, "flood"), "err");
    }

    private static void AssertComplete(string path, string label)
    {
        var files = Enumerable
            .Range(1, 30)
            .Select(i => RotatingLogFile.BackupPath(path, i))
            .Where(File.Exists)
            .Reverse()
            .Append(path)
            .ToList();
        Assert.True(files.Count > 10, $"expected rotation, got {files.Count} file(s)");
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, MaxSize));

        var expected = 1;
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                // "<timestamp> <label> <9-digit number> xxxx": anything else is a split or merged line.
                var fields = line.Split(' ');
                if (fields.Length == 3 && fields[1] == "stopping")
                {
                    continue;
                }

                if (fields[1] != label)
                {
                    Assert.True(label == "out", $"unexpected line in {file}: {line}");
                    continue; // stdout also carries "started ..." and "flood done"
                }

                Assert.Equal(4, fields.Length);
                Assert.Equal(24, fields[0].Length);
                Assert.Equal(expected, int.Parse(fields[2], CultureInfo.InvariantCulture));
                Assert.Equal(100 - label.Length - 12, fields[3].Length);
                expected++;
            }
        }

        Assert.Equal(Lines + 1, expected);
    }
}
