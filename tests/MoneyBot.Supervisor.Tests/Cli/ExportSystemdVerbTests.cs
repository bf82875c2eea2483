using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

public sealed class ExportSystemdVerbTests : IDisposable
{
    private const string Yaml = "programs:\n  a: { command: /bin/true, group: g }\n  b: { command: /bin/true }\n";

    private readonly Sandbox _sandbox = new();

    [Fact(Timeout = 60_000)]
    public async Task Export_writes_one_unit_per_program_group_and_all_and_says_so_line_by_line()
    {
        var config = _sandbox.WriteConfig(Yaml);
        var outDir = _sandbox.Combine("units");

        var result = await CliRunner.RunAsync("export", "systemd", "-c", config, "--out", outDir);

        Assert.Equal(0, result.ExitCode);
        string[] names = ["moneybot-a.service", "moneybot-b.service", "moneybot-g.target", "moneybot.target"];
        Assert.Equal(names, Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            names.Select(n => $"wrote {Path.Combine(outDir, n)}"),
            lines.Take(4).Order(StringComparer.Ordinal)
        );
        Assert.StartsWith("install: cp ", lines[4], StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Export_to_dash_prints_the_units_and_writes_nothing()
    {
        var config = _sandbox.WriteConfig(Yaml);

        var result = await CliRunner.RunAsync("export", "systemd", "-c", config, "--out", "-", "--user");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# file: moneybot-a.service\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("WantedBy=default.target", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_sandbox.Combine("systemd")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Export_replaces_its_own_files_but_not_a_file_it_did_not_write()
    {
        var config = _sandbox.WriteConfig(Yaml);
        var outDir = _sandbox.Combine("units");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "systemd", "-c", config, "--out", outDir)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("export", "systemd", "-c", config, "--out", outDir)).ExitCode);
        var mine = Path.Combine(outDir, "moneybot-b.service");
        await File.WriteAllTextAsync(mine, "[Service]\nExecStart=/bin/mine\n");
        File.Delete(Path.Combine(outDir, "moneybot-a.service"));

        var result = await CliRunner.RunAsync("export", "systemd", "-c", config, "--out", outDir);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{mine}: exists and was not generated", result.Error, StringComparison.Ordinal);
        Assert.Equal("[Service]\nExecStart=/bin/mine\n", await File.ReadAllTextAsync(mine));
        Assert.False(File.Exists(Path.Combine(outDir, "moneybot-a.service")));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_config_is_reported_with_its_position_and_exits_2()
    {
        var config = _sandbox.WriteConfig("programs:\n  a:\n    command: /bin/true\n    restart: sometimes\n");

        var result = await CliRunner.RunAsync("export", "systemd", "-c", config, "--out", _sandbox.Combine("units"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{config}:4:14: programs.a.restart:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_sandbox.Combine("units")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_group_that_cannot_name_a_unit_exits_2()
    {
        var config = _sandbox.WriteConfig("programs:\n  a: { command: /bin/true, group: 'two words' }\n");

        var result = await CliRunner.RunAsync("export", "systemd", "-c", config, "--out", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "programs.a.group: 'two words' cannot name a systemd unit",
            result.Error,
            StringComparison.Ordinal
        );
    }

    public void Dispose() => _sandbox.Dispose();
}
