namespace MoneyBot.Supervisor.Tests.Config;

public sealed class ConfigErrorTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Unknown_key_suggests_the_closest_known_key()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              bot:
                comand: bot
            """
        );

        Assert.Equal(2, errors.Count);
        ConfigAssert.AssertError(errors[0], 2, 3, "programs.bot", "missing 'command'");
        ConfigAssert.AssertError(
            errors[1],
            3,
            5,
            "programs.bot.comand",
            "unknown key 'comand'; did you mean 'command'?"
        );
    }

    [Fact]
    public void A_program_named_all_is_refused_because_all_means_every_program()
    {
        var errors = _fixture.LoadInvalid("programs:\n  all: { command: a }\n");

        ConfigAssert.Single(errors, 2, 3, "programs.all", "'all' is reserved");
    }

    [Theory]
    [InlineData("program:\n  a: { command: a }\n", 1, 1, "program", "did you mean 'programs'?")]
    [InlineData("supervisor:\n  logdir: x\n", 2, 3, "supervisor.logdir", "did you mean 'log_dir'?")]
    [InlineData("defaults:\n  backoff: { intial: 1s }\n", 2, 14, "defaults.backoff.intial", "did you mean 'initial'?")]
    [InlineData(
        "defaults:\n  give_up: { retry: 1m }\n",
        2,
        14,
        "defaults.give_up.retry",
        "did you mean 'retry_after'?"
    )]
    [InlineData("defaults:\n  restart_policy: always\n", 2, 3, "defaults.restart_policy", "did you mean 'restart'?")]
    [InlineData("defaults:\n  log: { backups: 1 }\n", 2, 3, "defaults.log", "did you mean 'logs'?")]
    [InlineData(
        "supervisor:\n  log: { timestamps: true }\n",
        2,
        10,
        "supervisor.log.timestamps",
        "unknown key 'timestamps'; expected one of: max_size, backups"
    )]
    [InlineData(
        "defaults:\n  command: x\n",
        2,
        3,
        "defaults.command",
        "unknown key 'command'; expected one of: autostart, restart"
    )]
    [InlineData(
        "colour: red\n",
        1,
        1,
        "colour",
        "unknown key 'colour'; expected one of: supervisor, defaults, programs, telegram"
    )]
    public void Unknown_keys_are_reported_with_a_hint(string yaml, int line, int column, string path, string message)
    {
        var errors = _fixture.LoadInvalid(yaml);

        ConfigAssert.Single(errors, line, column, path, message);
    }

    [Theory]
    [InlineData("args: --symbol", 3, 11, "programs.bot.args", "expected a list such as [a, b], found a value")]
    [InlineData("backoff: 5s", 3, 14, "programs.bot.backoff", "expected a mapping (key: value), found a value")]
    [InlineData("env: [A=1]", 3, 10, "programs.bot.env", "expected a mapping (key: value), found a list")]
    [InlineData("group: { name: g }", 3, 12, "programs.bot.group", "expected a text value, found a mapping")]
    [InlineData(
        "start_secs: [10]",
        3,
        17,
        "programs.bot.start_secs",
        "expected a duration such as 500ms, 10s, 5m, 1h (a bare number means seconds), found a list"
    )]
    [InlineData("autostart: yes", 3, 16, "programs.bot.autostart", "expected true or false, found 'yes'")]
    [InlineData(
        "restart: on-failur",
        3,
        14,
        "programs.bot.restart",
        "expected always, on-failure or never, found 'on-failur'; did you mean 'on-failure'?"
    )]
    [InlineData("stop_signal: SIGTREM", 3, 18, "programs.bot.stop_signal", "found 'SIGTREM'; did you mean 'SIGTERM'?")]
    [InlineData(
        "stop_timeout: 5 minutes",
        3,
        19,
        "programs.bot.stop_timeout",
        "expected a duration such as 500ms, 10s, 5m, 1h, found '5 minutes'"
    )]
    [InlineData(
        "watchdog: -1s",
        3,
        15,
        "programs.bot.watchdog",
        "expected a duration such as 500ms, 10s, 5m, 1h, found '-1s'"
    )]
    [InlineData(
        "watchdog:",
        3,
        14,
        "programs.bot.watchdog",
        "expected a duration such as 500ms, 10s, 5m, 1h, found nothing"
    )]
    [InlineData(
        "logs: { max_size: 10 MiBs }",
        3,
        23,
        "programs.bot.logs.max_size",
        "expected a size such as 512KB, 10MB, found '10 MiBs'"
    )]
    [InlineData("logs: { max_size: 0 }", 3, 23, "programs.bot.logs.max_size", "must be greater than 0, found '0'")]
    [InlineData("logs: { backups: -1 }", 3, 22, "programs.bot.logs.backups", "must be at least 0, found '-1'")]
    [InlineData(
        "logs: { stderr: both }",
        3,
        21,
        "programs.bot.logs.stderr",
        "expected separate or merge, found 'both'"
    )]
    [InlineData("exit_codes: [0, 300]", 3, 21, "programs.bot.exit_codes[1]", "must be between 0 and 255, found '300'")]
    [InlineData("exit_codes: [0, x]", 3, 21, "programs.bot.exit_codes[1]", "expected a whole number, found 'x'")]
    [InlineData("give_up: { restarts: -1 }", 3, 26, "programs.bot.give_up.restarts", "must be at least 0, found '-1'")]
    [InlineData(
        "give_up: { restarts: 2.5 }",
        3,
        26,
        "programs.bot.give_up.restarts",
        "expected a whole number, found '2.5'"
    )]
    [InlineData(
        "give_up: { retry_after: soon }",
        3,
        29,
        "programs.bot.give_up.retry_after",
        "expected a duration such as 500ms, 10s, 5m, 1h, found 'soon'"
    )]
    [InlineData("backoff: { factor: 0.5 }", 3, 24, "programs.bot.backoff.factor", "must be at least 1, found '0.5'")]
    [InlineData("backoff: { factor: NaN }", 3, 24, "programs.bot.backoff.factor", "expected a number, found 'NaN'")]
    [InlineData(
        "backoff: { jitter: 1.5 }",
        3,
        24,
        "programs.bot.backoff.jitter",
        "must be between 0 and 1, found '1.5'"
    )]
    [InlineData("backoff: { initial: 1x }", 3, 25, "programs.bot.backoff.initial", "expected a duration such as 500ms")]
    [InlineData("command: \"  \"", 3, 14, "programs.bot.command", "'command' must not be empty")]
    public void Bad_values_are_reported_at_the_value_with_the_expected_form(
        string setting,
        int line,
        int column,
        string path,
        string message
    )
    {
        var command = setting.StartsWith("command:", StringComparison.Ordinal) ? string.Empty : "    command: bot\n";

        var errors = _fixture.LoadInvalid($"programs:\n  bot:\n    {setting}\n{command}");

        ConfigAssert.Single(errors, line, column, path, message);
    }

    [Fact]
    public void Missing_and_empty_commands_are_reported()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              no-command:
                args: [x]
              empty-entry:
              empty-command:
                command:
            """
        );

        Assert.Equal(3, errors.Count);
        ConfigAssert.AssertError(errors[0], 2, 3, "programs.no-command", "missing 'command' (the executable to run)");
        ConfigAssert.AssertError(errors[1], 4, 3, "programs.empty-entry", "missing 'command'");
        ConfigAssert.AssertError(errors[2], 6, 13, "programs.empty-command.command", "'command' must not be empty");
    }

    [Fact]
    public void Program_that_is_not_a_mapping_is_a_type_error()
    {
        var errors = _fixture.LoadInvalid("programs:\n  bot: run-me\n");

        ConfigAssert.Single(errors, 2, 8, "programs.bot", "expected a mapping (key: value), found a value");
    }

    [Fact]
    public void Duplicate_program_names_are_reported_at_the_second_with_the_first_position()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              bot:
                command: a
              other:
                command: b
              bot:
                command: c
            """
        );

        ConfigAssert.Single(
            errors,
            6,
            3,
            "programs.bot",
            "duplicate program name 'bot'; it is first defined at line 2, column 3"
        );
    }

    [Fact]
    public void Duplicate_keys_inside_a_mapping_are_reported()
    {
        var errors = _fixture.LoadInvalid("programs:\n  bot:\n    command: a\n    args: [x]\n    command: b\n");

        ConfigAssert.Single(
            errors,
            5,
            5,
            "programs.bot.command",
            "duplicate key 'command'; it is first defined at line 3, column 5"
        );
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("-dash-first")]
    [InlineData("a/b")]
    [InlineData("_x")]
    public void Program_names_must_be_usable_as_file_names(string name)
    {
        var errors = _fixture.LoadInvalid($"programs:\n  \"{name}\": {{ command: x }}\n");

        ConfigAssert.Single(
            errors,
            2,
            3,
            $"programs.{name}",
            $"program name '{name}' must start with a letter or digit"
        );
    }

    [Fact]
    public void Several_errors_are_reported_at_once_sorted_by_position()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              b:
                command: b
                depends_on: [a]
                restart: sometimes
              a:
                command: a
                depends_on: [b]
                backoff: { max: forever }
            supervisor:
              run_dir: [x]
            defaults:
              start_secs: soon
            """
        );

        Assert.Equal([(5, 14), (8, 18), (9, 21), (11, 12), (13, 15)], errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(
            [
                "programs.b.restart",
                "programs.a.depends_on[0]",
                "programs.a.backoff.max",
                "supervisor.run_dir",
                "defaults.start_secs",
            ],
            errors.Select(e => e.YamlPath)
        );
        Assert.Equal("dependency cycle: b -> a -> b", errors[1].Message);
    }
}
