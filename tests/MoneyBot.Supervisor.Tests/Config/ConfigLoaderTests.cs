using MoneyBot.Common.Resilience;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string SpecExample = """
        supervisor:
          run_dir: run            # control socket, lock, state file (relative paths: to the repo root)
          log_dir: logs
          env_file: config/.env   # optional KEY=VALUE file; the process environment wins over it
        defaults:                 # every program inherits these
          autostart: true
          restart: always         # always | on-failure | never
          exit_codes: [0]         # "expected" exits for on-failure
          start_secs: 10          # must stay up this long to count as started
          backoff: { initial: 1s, factor: 2, max: 5m, jitter: 0.2, reset_after: 60s }
          give_up: { restarts: 10, within: 10m, retry_after: 15m }   # then FATAL; retry_after optional
          stop_signal: TERM
          stop_timeout: 30s       # then SIGKILL to the whole process tree
          logs: { max_size: 10MB, backups: 3, timestamps: true, stderr: separate }   # or merge
          watchdog: 0s            # >0: restart if no WATCHDOG=1 for this long (section 5)
        programs:
          extgap-3m:
            command: bots/extgap/run.sh
            args: [--symbol, BTCUSDT, --timeframe, 3m]
            cwd: .
            env: { TELEGRAM_BOT_TOKEN: "${TELEGRAM_BOT_TOKEN_EXTGAP_3M}" }
            depends_on: [exchange]   # start after these are ready, stop before them
            group: extgap
          exchange:
            command: dotnet
            args: [bots/exchange.dll]
        telegram:
          token: ${TELEGRAM_BOT_TOKEN_SUPERVISOR}   # absent or empty: Telegram off, said once at start
          chat_ids: ${TELEGRAM_ADMIN_CHAT_IDS}      # comma list: notifications go here, commands accepted from here
          admin_users: []                           # in group chats, only these user ids may command
          api_url: https://api.telegram.org         # base URL (local Bot API server, tests)
          notify: { started: on, crashed: on, fatal: on, recovered: on, watchdog: on, stopped: silent, reload: on }
          schedules: { health_report: "0 0 */6 * * ?", daily_summary: "0 0 0 * * ?" }   # Quartz cron, UTC
        """;

    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Spec_example_parses_to_the_expected_records()
    {
        var environment = new Dictionary<string, string>
        {
            ["TELEGRAM_BOT_TOKEN_EXTGAP_3M"] = "123456:AAF-secret-token",
            ["TELEGRAM_BOT_TOKEN_SUPERVISOR"] = "654321:AAE-supervisor-token",
            ["TELEGRAM_ADMIN_CHAT_IDS"] = "123456789,-1001234567890",
        };

        var config = _fixture.LoadValid(SpecExample, environment);

        var root = _fixture.Root;
        Assert.Equal(_fixture.ConfigPath, config.SourcePath);
        Assert.Equal(
            new DaemonSettings(
                root,
                Path.Combine(root, "run"),
                Path.Combine(root, "logs"),
                Path.Combine(root, "config", ".env"),
                LogSettings.Default
            ),
            config.Daemon
        );
        Assert.Equal(["extgap-3m", "exchange"], config.Programs.Select(p => p.Name));
        ConfigAssert.SameProgram(
            new ProgramConfig
            {
                Name = "extgap-3m",
                Command = Path.Combine(root, "bots", "extgap", "run.sh"),
                Args = ["--symbol", "BTCUSDT", "--timeframe", "3m"],
                WorkingDirectory = root,
                Environment = new Dictionary<string, string> { ["TELEGRAM_BOT_TOKEN"] = "123456:AAF-secret-token" },
                EnvironmentSource = new Dictionary<string, string>
                {
                    ["TELEGRAM_BOT_TOKEN"] = "${TELEGRAM_BOT_TOKEN_EXTGAP_3M}",
                },
                DependsOn = ["exchange"],
                Group = "extgap",
                Autostart = true,
                Restart = RestartMode.Always,
                ExitCodes = [0],
                StartSecs = TimeSpan.FromSeconds(10),
                Backoff = new BackoffPolicy(
                    TimeSpan.FromSeconds(1),
                    2,
                    TimeSpan.FromMinutes(5),
                    0.2,
                    TimeSpan.FromSeconds(60)
                ),
                GiveUp = new GiveUpPolicy(10, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15)),
                StopSignal = StopSignal.Term,
                StopTimeout = TimeSpan.FromSeconds(30),
                Logs = new LogSettings(10 * 1024 * 1024, 3, true, StderrMode.Separate),
                Watchdog = TimeSpan.Zero,
            },
            config.Programs[0]
        );
        ConfigAssert.SameProgram(
            new ProgramConfig
            {
                Name = "exchange",
                Command = "dotnet",
                Args = ["bots/exchange.dll"],
                WorkingDirectory = root,
            },
            config.Programs[1]
        );
        Assert.Equal(
            TelegramSettings.Disabled with
            {
                Token = "654321:AAE-supervisor-token",
                ChatIds = config.Telegram.ChatIds,
                AdminUsers = config.Telegram.AdminUsers,
            },
            config.Telegram
        );
        Assert.Equal(["123456789", "-1001234567890"], config.Telegram.ChatIds);
        Assert.Empty(config.Telegram.AdminUsers);
        Assert.Equal(["123456:AAF-secret-token", "654321:AAE-supervisor-token"], config.Secrets);
    }

    [Fact]
    public void Empty_file_gives_built_in_settings_and_no_programs()
    {
        var config = _fixture.LoadValid(string.Empty);

        Assert.Empty(config.Programs);
        Assert.Equal(Path.Combine(_fixture.Root, "run"), config.Daemon.RunDir);
        Assert.Equal(Path.Combine(_fixture.Root, "logs"), config.Daemon.LogDir);
        Assert.Equal(LogSettings.Default, config.Daemon.Log);
        Assert.Empty(config.Secrets);
    }

    [Fact]
    public void Empty_programs_section_is_allowed()
    {
        var config = _fixture.LoadValid(
            """
            defaults:
            programs:
            """
        );

        Assert.Empty(config.Programs);
    }

    [Fact]
    public void Program_without_settings_gets_the_named_defaults()
    {
        var config = _fixture.LoadValid(
            """
            programs:
              bot:
                command: bot
            """
        );

        ConfigAssert.SameProgram(
            new ProgramConfig
            {
                Name = "bot",
                Command = "bot",
                WorkingDirectory = _fixture.Root,
            },
            Assert.Single(config.Programs)
        );
        Assert.Equal(BackoffPolicy.Default, config.Programs[0].Backoff);
        Assert.Equal(GiveUpPolicy.Default, config.Programs[0].GiveUp);
        Assert.Equal(LogSettings.Default, config.Programs[0].Logs);
    }

    [Fact]
    public void Programs_inherit_defaults_and_override_them_key_by_key()
    {
        var config = _fixture.LoadValid(
            """
            defaults:
              autostart: false
              restart: on-failure
              exit_codes: [0, 2]
              stop_signal: INT
            programs:
              plain:
                command: a
              custom:
                command: b
                restart: never
                exit_codes: []
                autostart: true
            """
        );

        var plain = config.Find("plain")!;
        Assert.False(plain.Autostart);
        Assert.Equal(RestartMode.OnFailure, plain.Restart);
        Assert.Equal([0, 2], plain.ExitCodes);
        Assert.Equal(StopSignal.Int, plain.StopSignal);
        var custom = config.Find("custom")!;
        Assert.True(custom.Autostart);
        Assert.Equal(RestartMode.Never, custom.Restart);
        Assert.Empty(custom.ExitCodes);
        Assert.Equal(StopSignal.Int, custom.StopSignal);
    }

    [Fact]
    public void Nested_settings_merge_per_key_over_defaults_and_named_defaults()
    {
        var config = _fixture.LoadValid(
            """
            defaults:
              backoff: { factor: 3 }
              give_up: { within: 1h }
              logs: { backups: 5 }
            programs:
              bot:
                command: bot
                backoff: { max: 1m }
                give_up: { restarts: 3 }
                logs: { stderr: merge, timestamps: false }
            """
        );

        var bot = Assert.Single(config.Programs);
        Assert.Equal(BackoffPolicy.Default with { Factor = 3, Max = TimeSpan.FromMinutes(1) }, bot.Backoff);
        Assert.Equal(GiveUpPolicy.Default with { Restarts = 3, Within = TimeSpan.FromHours(1) }, bot.GiveUp);
        Assert.Equal(LogSettings.Default with { Backups = 5, Stderr = StderrMode.Merge, Timestamps = false }, bot.Logs);
    }

    [Fact]
    public void Anchors_and_aliases_are_resolved()
    {
        var config = _fixture.LoadValid(
            """
            defaults:
              backoff: &fast { initial: 0s, max: 10s }
            programs:
              a:
                command: a
                args: &common [--verbose, --color]
              b:
                command: b
                args: *common
                give_up: { restarts: 1 }
                backoff: *fast
            """
        );

        Assert.Equal(["--verbose", "--color"], config.Find("b")!.Args);
        Assert.Equal(TimeSpan.Zero, config.Find("b")!.Backoff.Initial);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Find("a")!.Backoff.Max);
    }

    [Fact]
    public void Group_and_dependencies_are_kept_in_file_order()
    {
        var config = _fixture.LoadValid(
            """
            programs:
              z: { command: z, depends_on: [b, a], group: g1 }
              a: { command: a }
              b: { command: b, depends_on: [a] }
            """
        );

        Assert.Equal(["z", "a", "b"], config.Programs.Select(p => p.Name));
        Assert.Equal(["b", "a"], config.Find("z")!.DependsOn);
        Assert.Equal("g1", config.Find("z")!.Group);
        Assert.Null(config.Find("a")!.Group);
    }

    [Fact]
    public void Load_text_uses_the_path_for_relative_paths_without_reading_it()
    {
        var path = Path.Combine(_fixture.Root, "elsewhere", "conf", "bots.yaml");

        var result = new ConfigLoader(new Dictionary<string, string>()).LoadText(
            "programs:\n  a: { command: ./a }\n",
            path
        );

        Assert.True(result.IsValid);
        Assert.Equal(path, result.Config!.SourcePath);
        Assert.Equal(Path.Combine(_fixture.Root, "elsewhere", "a"), result.Config.Programs[0].Command);
    }

    [Fact]
    public void Loader_from_process_environment_expands_process_variables()
    {
        var config = ConfigLoader
            .FromProcessEnvironment()
            .LoadText(
                "programs:\n  a: { command: a, args: [\"${PATH}\"] }\n",
                Path.Combine(_fixture.Root, "config", "x.yaml")
            );

        Assert.True(config.IsValid, string.Join(", ", config.Errors));
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), config.Config!.Programs[0].Args[0]);
    }
}
