using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class RunDirLocatorTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Theory]
    [InlineData("programs: {}\n")]
    [InlineData("supervisor:\n  log_dir: logs\nprograms: {}\n")]
    [InlineData("supervisor:\n  run_dir: var/run # comment\n  log: { max_size: 1MB }\nprograms: {}\n")]
    [InlineData("# top comment\nsupervisor:\n    run_dir: \"other run\"\n    base_dir: ..\nprograms: {}\n")]
    [InlineData("supervisor:\n  log:\n    max_size: 1MB\n  run_dir: /tmp/mb-abs-run\n")]
    [InlineData("programs:\n  run_dir:\n    command: not-this\nsupervisor:\n  run_dir: 'single'\n")]
    public void It_finds_the_same_run_dir_as_the_full_loader(string yaml)
    {
        var path = _sandbox.WriteConfig(yaml);

        var fast = RunDirLocator.TryFind(path);
        var full = new ConfigLoader(new Dictionary<string, string>()).Load(path);

        Assert.True(full.IsValid, string.Join("\n", full.Errors));
        Assert.Equal(full.Config!.Daemon.RunDir, fast);
    }

    [Theory]
    [InlineData("supervisor: { run_dir: x }\n")]
    [InlineData("supervisor:\n  run_dir: ${RUN_DIR:-run}\n")]
    [InlineData("supervisor:\n  run_dir: *anchor\n")]
    [InlineData("supervisor:\n\trun_dir: x\n")]
    public void It_declines_anything_that_needs_the_real_parser(string yaml)
    {
        var path = _sandbox.WriteConfig(yaml);

        Assert.Null(RunDirLocator.TryFind(path));
    }

    [Fact]
    public void A_missing_file_gives_no_answer()
    {
        Assert.Null(RunDirLocator.TryFind(_sandbox.Combine("config/none.yaml")));
    }

    public void Dispose() => _sandbox.Dispose();
}
