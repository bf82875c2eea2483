namespace MoneyBot.Supervisor.Tests.Config;

public sealed class ConfigPathTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Relative_paths_resolve_against_the_parent_of_the_config_folder_by_default()
    {
        var config = _fixture.LoadValid(
            """
            supervisor:
              run_dir: var/run
              log_dir: ../common-logs
              env_file: secrets/bots.env
            programs:
              bot:
                command: bin/bot
                cwd: bots/work
            """
        );

        var root = _fixture.Root;
        Assert.Equal(root, config.Daemon.BaseDirectory);
        Assert.Equal(Path.Combine(root, "var", "run"), config.Daemon.RunDir);
        Assert.Equal(Path.GetFullPath(Path.Combine(root, "..", "common-logs")), config.Daemon.LogDir);
        Assert.Equal(Path.Combine(root, "secrets", "bots.env"), config.Daemon.EnvFile);
        Assert.Equal(Path.Combine(root, "bin", "bot"), config.Programs[0].Command);
        Assert.Equal(Path.Combine(root, "bots", "work"), config.Programs[0].WorkingDirectory);
        Assert.Equal(Path.Combine(root, "run", "moneybot.sock"), _fixture.LoadValid(string.Empty).Daemon.SocketPath);
    }

    [Fact]
    public void Base_dir_resolves_against_the_config_folder()
    {
        var config = _fixture.LoadValid(
            """
            supervisor:
              base_dir: deploy
            programs:
              bot: { command: ./bot }
            """
        );

        var baseDir = Path.Combine(_fixture.Root, "config", "deploy");
        Assert.Equal(baseDir, config.Daemon.BaseDirectory);
        Assert.Equal(Path.Combine(baseDir, "run"), config.Daemon.RunDir);
        Assert.Equal(Path.Combine(baseDir, "logs"), config.Daemon.LogDir);
        Assert.Equal(Path.Combine(baseDir, "config", ".env"), config.Daemon.EnvFile);
        Assert.Equal(Path.Combine(baseDir, "bot"), config.Programs[0].Command);
        Assert.Equal(baseDir, config.Programs[0].WorkingDirectory);
    }

    [Fact]
    public void Absolute_base_dir_and_absolute_paths_are_kept()
    {
        var elsewhere = Path.Combine(_fixture.Root, "srv");
        var config = _fixture.LoadValid(
            $"""
            supervisor:
              base_dir: {elsewhere}
              run_dir: /var/run/moneybot
            programs:
              bot: {"{"} command: /usr/bin/env, cwd: /tmp {"}"}
            """
        );

        Assert.Equal(elsewhere, config.Daemon.BaseDirectory);
        Assert.Equal("/var/run/moneybot", config.Daemon.RunDir);
        Assert.Equal("/usr/bin/env", config.Programs[0].Command);
        Assert.Equal("/tmp", config.Programs[0].WorkingDirectory);
    }

    [Fact]
    public void Command_without_a_slash_is_left_for_a_PATH_lookup()
    {
        var config = _fixture.LoadValid("programs:\n  bot: { command: python3, args: [bots/x.py] }\n");

        Assert.Equal("python3", config.Programs[0].Command);
        Assert.Equal(["bots/x.py"], config.Programs[0].Args);
    }

    [Fact]
    public void Empty_env_file_setting_disables_the_env_file()
    {
        var config = _fixture.LoadValid("supervisor:\n  env_file:\n");

        Assert.Null(config.Daemon.EnvFile);
    }

    [Fact]
    public void Paths_may_use_variables_from_the_process_environment()
    {
        var environment = new Dictionary<string, string> { ["MB_HOME"] = Path.Combine(_fixture.Root, "home") };

        var config = _fixture.LoadValid(
            "supervisor:\n  base_dir: ${MB_HOME}\n  log_dir: ${MB_LOGS:-journal}\n",
            environment
        );

        Assert.Equal(Path.Combine(_fixture.Root, "home"), config.Daemon.BaseDirectory);
        Assert.Equal(Path.Combine(_fixture.Root, "home", "journal"), config.Daemon.LogDir);
    }
}
