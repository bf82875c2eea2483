using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

public sealed class CliExitCodeTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_verb_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_verb_missing_its_target_is_a_usage_error()
    {
        var config = _sandbox.WriteConfig("programs: {}\n");

        var result = await CliRunner.RunAsync("start", "-c", config);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Config_check_prints_every_error_with_its_position_and_exits_2()
    {
        var config = _sandbox.WriteConfig(
            """
            defaults:
              restart: sometimes
            programs:
              a:
                comand: /bin/true
                stop_timeout: soon
            """
        );

        var result = await CliRunner.RunAsync("config", "check", "-c", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{config}:2:12: defaults.restart:", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{config}:5:5: programs.a.comand:", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'command'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{config}:6:19: programs.a.stop_timeout:", result.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Config_check_of_a_valid_file_exits_0()
    {
        var config = _sandbox.WriteConfig("programs:\n  a:\n    command: /bin/true\n");

        var result = await CliRunner.RunAsync("config", "check", config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("OK, 1 program(s): a", result.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_empty_file_is_refused_by_daemon_and_up_and_config_check_warns()
    {
        var empty = _sandbox.WriteConfig("# nothing here\n");
        var allowed = _sandbox.WriteConfig("supervisor:\n  allow_empty: true\n", "allowed.yaml");

        var daemon = await CliRunner.RunAsync("daemon", "-c", empty);
        var up = await CliRunner.RunAsync("up", "-c", empty);
        var check = await CliRunner.RunAsync("config", "check", empty);
        var checkAllowed = await CliRunner.RunAsync("config", "check", allowed);

        Assert.Equal(2, daemon.ExitCode);
        Assert.Contains($"{empty}: programs: no program is defined", daemon.Error, StringComparison.Ordinal);
        Assert.Equal(2, up.ExitCode);
        Assert.Contains("supervisor.allow_empty: true", up.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.Combine("run/moneybot.pid")), "no daemon was started");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("warning: no program is defined: the daemon refuses", check.Error, StringComparison.Ordinal);
        Assert.Equal(0, checkAllowed.ExitCode);
        Assert.Contains("OK, 0 program(s)", checkAllowed.Output, StringComparison.Ordinal);
        Assert.Contains("accepted: supervisor.allow_empty is true", checkAllowed.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Status_health_and_reload_without_a_daemon_fail_with_exit_1_and_say_so()
    {
        var config = _sandbox.WriteConfig("programs:\n  a:\n    command: /bin/true\n");

        foreach (var verb in new[] { "status", "health", "reload" })
        {
            var result = await CliRunner.RunAsync(verb, "-c", config);

            Assert.True(result.ExitCode == 1, verb + ": " + result);
            Assert.Contains("daemon is not running", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Down_without_a_daemon_succeeds()
    {
        var config = _sandbox.WriteConfig("programs:\n  a:\n    command: /bin/true\n");

        var result = await CliRunner.RunAsync("down", "-c", config);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Logs_of_an_unknown_program_is_a_usage_error()
    {
        var config = _sandbox.WriteConfig("programs:\n  a:\n    command: /bin/true\n");

        var result = await CliRunner.RunAsync("logs", "nosuch", "-c", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no program named 'nosuch'", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
