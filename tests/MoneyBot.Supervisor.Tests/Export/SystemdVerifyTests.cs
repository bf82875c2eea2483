using MoneyBot.Supervisor.Export;
using MoneyBot.TestSupport;
using MoneyBot.TestSupport.Processes;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>
/// Every unit exported from the shipped configs passes <c>systemd-analyze verify</c> (system and user units), in a
/// sandbox where the programs' executables exist (verify checks them).
/// </summary>
public sealed class SystemdVerifyTests : IDisposable
{
    private const string Analyze = "/usr/bin/systemd-analyze";

    /// <summary>What systemd before 254 says about the backoff keys it does not know (and ignores).</summary>
    private static readonly string[] KeysOfSystemd254 = ["'RestartSteps'", "'RestartMaxDelaySec'"];

    private readonly TempDirectory _sandbox = new("mb-sd-");

    [Theory(Timeout = 120_000)]
    [InlineData("moneybot.yaml", false, false)]
    [InlineData("moneybot.yaml", true, false)]
    [InlineData("live.yaml", false, true)]
    [InlineData("live.yaml", true, true)]
    public async Task Every_exported_unit_passes_systemd_analyze_verify(string config, bool user, bool journal)
    {
        var loaded = SystemdExport.Load(SystemdExport.Shipped(config), path: _sandbox.File("config/" + config));
        foreach (var program in loaded.Programs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(program.Command)!);
            File.WriteAllText(program.Command, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(
                program.Command,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            );
        }

        var units = SystemdUnits.Export(loaded, new SystemdExportOptions(User: user, Journal: journal));

        var (exitCode, complaints) = await VerifyAsync(units, user);

        Assert.True(exitCode == 0 && complaints.Count == 0, string.Join('\n', complaints));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_unit_systemd_complains_about_fails_the_check()
    {
        SystemdUnit[] units = [new("moneybot-bad.service", "[Service]\nExecStart=/bin/true\nRestartSecs=1\n")];

        var (_, complaints) = await VerifyAsync(units, user: false);

        Assert.Contains(complaints, line => line.Contains("'RestartSecs'", StringComparison.Ordinal));
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>
    /// Runs <c>systemd-analyze verify</c> on <paramref name="units"/> written to the sandbox: its exit code and every
    /// line it printed but the accepted warnings of systemd before 254.
    /// </summary>
    private async Task<(int ExitCode, IReadOnlyList<string> Complaints)> VerifyAsync(
        IReadOnlyList<SystemdUnit> units,
        bool user
    )
    {
        Assert.True(
            File.Exists(Analyze),
            $"{Analyze} is missing: install systemd (apt-get install systemd) to check the exported units"
        );
        var unitDirectory = Directory.CreateDirectory(_sandbox.File("units")).FullName;
        foreach (var unit in units)
        {
            await File.WriteAllTextAsync(Path.Combine(unitDirectory, unit.FileName), unit.Text);
        }

        var runtime = Directory.CreateDirectory(_sandbox.File("xdg")).FullName;
        var outcome = await ChildCommand.RunAsync(
            Analyze,
            [
                .. (user ? ["--user"] : Array.Empty<string>()),
                "verify",
                .. units.Select(u => Path.Combine(unitDirectory, u.FileName)),
            ],
            new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = runtime, ["SYSTEMD_LOG_LEVEL"] = "notice" }
        );
        var version = await SystemdVersionAsync();
        var complaints = (outcome.Output + outcome.Error)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line =>
                !(
                    version < 254
                    && line.Contains("Unknown key", StringComparison.Ordinal)
                    && KeysOfSystemd254.Any(key => line.Contains(key, StringComparison.Ordinal))
                )
            )
            .Select(line => $"systemd {version}: {line}")
            .ToList();
        return (outcome.ExitCode, complaints);
    }

    private static async Task<int> SystemdVersionAsync()
    {
        var outcome = await ChildCommand.RunAsync(Analyze, ["--version"]);
        var words = outcome.Output.Split(' ', 3);
        return words.Length > 1 && int.TryParse(words[1], out var version) ? version : 0;
    }
}
