using System.Text.RegularExpressions;
using MoneyBot.Supervisor.Export;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>The mapping table of docs/supervisor.md section 16, row by row: a small YAML, the exact lines.</summary>
public sealed class SystemdMappingTests
{
    private const string Service = "moneybot-a.service";

    [Fact]
    public void Ready_notify_is_type_notify_with_the_ready_timeout_as_start_timeout()
    {
        var settings = SettingsOf("ready: notify\n    ready_timeout: 2m");

        Assert.Contains("Type=notify", settings);
        Assert.Contains("NotifyAccess=main", settings);
        Assert.Contains("TimeoutStartSec=2min", settings);
    }

    [Fact]
    public void Ready_start_secs_is_type_exec_with_a_comment_that_start_secs_has_no_equivalent()
    {
        var units = Export("start_secs: 3");

        Assert.Contains("Type=exec", SystemdExport.Settings(units, Service));
        Assert.DoesNotContain(SystemdExport.Settings(units, Service), l =>
            l.StartsWith("TimeoutStartSec=", StringComparison.Ordinal)
        );
        Assert.Contains(
            "# ready: start_secs (3s): no exact equivalent",
            SystemdExport.Unit(units, Service),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_watchdog_is_watchdog_sec_and_lets_the_main_process_notify_also_without_ready_notify()
    {
        var settings = SettingsOf("watchdog: 90s");

        Assert.Contains("WatchdogSec=1min30s", settings);
        Assert.Contains("NotifyAccess=main", settings);
    }

    [Fact]
    public void No_watchdog_writes_no_watchdog_sec()
    {
        Assert.DoesNotContain(SettingsOf("watchdog: 0s"), l => l.StartsWith("WatchdogSec", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("always", "Restart=always")]
    [InlineData("on-failure", "Restart=on-failure")]
    [InlineData("never", "Restart=no")]
    public void Each_restart_mode_has_its_restart_setting(string mode, string line)
    {
        Assert.Contains(line, SettingsOf($"restart: {mode}"));
    }

    [Fact]
    public void Restart_never_writes_no_backoff_and_no_start_limit()
    {
        var settings = SettingsOf("restart: never");

        Assert.DoesNotContain(settings, l =>
            l.StartsWith("RestartSec=", StringComparison.Ordinal)
            || l.StartsWith("StartLimit", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Exit_codes_under_on_failure_are_success_exit_status_without_0()
    {
        Assert.Contains("SuccessExitStatus=3 4", SettingsOf("restart: on-failure\n    exit_codes: [0, 3, 4]"));
    }

    [Fact]
    public void The_exponential_backoff_is_restart_sec_steps_and_max_delay()
    {
        var settings = SettingsOf("backoff: { initial: 1s, factor: 2, max: 5m }");

        Assert.Equal(
            ["RestartSec=1s", "RestartSteps=9", "RestartMaxDelaySec=5min"],
            settings.Where(l =>
                l.StartsWith("Restart", StringComparison.Ordinal) && !l.StartsWith("Restart=", StringComparison.Ordinal)
            )
        );
    }

    [Fact]
    public void A_backoff_that_cannot_grow_is_a_fixed_restart_sec()
    {
        Assert.Contains("RestartSec=0", SettingsOf("backoff: { initial: 0s }"));
        Assert.DoesNotContain(SettingsOf("backoff: { initial: 0s }"), l =>
            l.StartsWith("RestartSteps", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(SettingsOf("backoff: { initial: 2s, factor: 1 }"), l =>
            l.StartsWith("RestartSteps", StringComparison.Ordinal)
        );
        Assert.Contains("RestartSec=30s", SettingsOf("backoff: { initial: 1m, max: 30s }"));
    }

    [Fact]
    public void Jitter_and_reset_after_are_said_to_have_no_equivalent()
    {
        Assert.Contains(
            "# backoff jitter 0.3 and reset_after 2m: no equivalent.",
            Text("backoff: { jitter: 0.3, reset_after: 2m }"),
            0
        );
    }

    [Fact]
    public void Give_up_is_the_start_limit_in_the_unit_section_counting_the_first_start()
    {
        var text = Text("give_up: { restarts: 5, within: 10m, retry_after: off }");

        var unitSection = text[..text.IndexOf("[Service]", StringComparison.Ordinal)];
        Assert.Contains("\nStartLimitBurst=6\n", unitSection, StringComparison.Ordinal);
        Assert.Contains("\nStartLimitIntervalSec=10min\n", unitSection, StringComparison.Ordinal);
        Assert.Contains("# give_up.retry_after off", unitSection, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_after_is_said_to_have_no_equivalent()
    {
        Assert.Contains(
            "# give_up.retry_after 15m: no equivalent;",
            Text("give_up: { retry_after: 15m }"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Stop_signal_and_stop_timeout_are_kill_signal_and_stop_timeout_for_the_whole_control_group()
    {
        var settings = SettingsOf("stop_signal: INT\n    stop_timeout: 45s");

        Assert.Equal(
            ["KillMode=control-group", "KillSignal=SIGINT", "TimeoutStopSec=45s"],
            settings.Where(l =>
                l.StartsWith("Kill", StringComparison.Ordinal) || l.StartsWith("TimeoutStop", StringComparison.Ordinal)
            )
        );
    }

    [Fact]
    public void Depends_on_is_after_and_requires()
    {
        var units = SystemdUnits.Export(
            SystemdExport.Load("programs:\n  b: { command: /bin/b }\n  a: { command: /bin/a, depends_on: [b] }\n")
        );

        Assert.Contains("After=moneybot-b.service", SystemdExport.Settings(units, Service));
        Assert.Contains("Requires=moneybot-b.service", SystemdExport.Settings(units, Service));
        Assert.DoesNotContain(SystemdExport.Settings(units, "moneybot-b.service"), l =>
            l.StartsWith("Requires", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void A_group_is_a_target_that_wants_its_members_which_are_part_of_it()
    {
        var units = SystemdUnits.Export(
            SystemdExport.Load(
                "programs:\n  a: { command: /bin/a, group: g }\n  b: { command: /bin/b, group: g }\n"
                    + "  c: { command: /bin/c }\n"
            )
        );

        Assert.Contains("PartOf=moneybot.target moneybot-g.target", SystemdExport.Settings(units, Service));
        Assert.Contains("PartOf=moneybot.target", SystemdExport.Settings(units, "moneybot-c.service"));
        Assert.Contains(
            "Wants=moneybot-a.service moneybot-b.service",
            SystemdExport.Settings(units, "moneybot-g.target")
        );
        Assert.Equal(
            ["moneybot-a.service", "moneybot-b.service", "moneybot-c.service", "moneybot-g.target", "moneybot.target"],
            units.Select(u => u.FileName)
        );
    }

    [Fact]
    public void Autostart_false_leaves_a_program_out_of_the_main_target()
    {
        var units = SystemdUnits.Export(
            SystemdExport.Load("programs:\n  a: { command: /bin/a, autostart: false }\n  b: { command: /bin/b }\n")
        );

        Assert.Contains("Wants=moneybot-b.service", SystemdExport.Settings(units, "moneybot.target"));
        Assert.Contains(
            "# autostart: false, started only by name: moneybot-a.service.",
            SystemdExport.Unit(units, "moneybot.target"),
            0
        );
    }

    [Fact]
    public void The_main_target_is_wanted_by_multi_user_or_with_user_by_default_target()
    {
        var config = SystemdExport.Load("programs:\n  a: { command: /bin/a }\n");

        Assert.Contains(
            "WantedBy=multi-user.target",
            SystemdExport.Settings(SystemdUnits.Export(config), "moneybot.target")
        );
        Assert.Contains(
            "# A system unit runs as root unless told otherwise: add User=",
            SystemdExport.Unit(SystemdUnits.Export(config), Service),
            StringComparison.Ordinal
        );
        var user = SystemdUnits.Export(config, new SystemdExportOptions(User: true));
        Assert.Contains("WantedBy=default.target", SystemdExport.Settings(user, "moneybot.target"));
        Assert.DoesNotContain("User=", SystemdExport.Unit(user, Service), StringComparison.Ordinal);
    }

    [Fact]
    public void Cwd_is_the_absolute_working_directory()
    {
        Assert.Contains("WorkingDirectory=/srv/moneybot/data", SettingsOf("cwd: data"));
        Assert.Contains("WorkingDirectory=/srv/moneybot", SettingsOf("restart: always"));
    }

    [Fact]
    public void Command_and_args_are_escaped_for_systemd()
    {
        var units = SystemdUnits.Export(
            SystemdExport.Load(
                "programs:\n  a:\n    command: bin/x\n    args: [plain, 'two words', '50%', 'a$$b', 'q\"q', '', ';']\n"
            )
        );

        Assert.Contains(
            "ExecStart=/srv/moneybot/bin/x plain \"two words\" 50%% a$$b \"q\\\"q\" \"\" \\;",
            SystemdExport.Settings(units, Service)
        );
    }

    [Fact]
    public void A_bare_command_is_resolved_to_an_absolute_path()
    {
        var config = SystemdExport.Load("programs:\n  a: { command: tool, args: [x] }\n");

        var units = SystemdUnits.Export(
            config,
            new SystemdExportOptions { ResolveCommand = (c, _) => "/opt/bin/" + c }
        );

        Assert.Contains("ExecStart=/opt/bin/tool x", SystemdExport.Settings(units, Service));
    }

    [Fact]
    public void Env_values_without_variables_are_environment_lines()
    {
        var settings = SettingsOf("env: { MODE: 'fast mode', RATE: '5%' }");

        Assert.Contains("Environment=\"MODE=fast mode\"", settings);
        Assert.Contains("Environment=\"RATE=5%%\"", settings);
        Assert.DoesNotContain(settings, l => l.StartsWith("EnvironmentFile", StringComparison.Ordinal));
    }

    [Fact]
    public void Env_values_from_variables_are_made_at_start_from_the_env_file_and_never_written()
    {
        const string Token = "123456:ABC-placeholder-secret";
        var config = SystemdExport.Load(
            "programs:\n  a:\n    command: /bin/a\n    env: { TELEGRAM_BOT_TOKEN: '${TOKEN_A:-}', MODE: x }\n"
                + "  b:\n    command: /bin/b\n    env: { TELEGRAM_BOT_TOKEN: '${TOKEN_B}' }\n",
            new Dictionary<string, string> { ["TOKEN_A"] = Token, ["TOKEN_B"] = Token + "-b" }
        );

        var units = SystemdUnits.Export(config);

        Assert.DoesNotContain(units, u => u.Text.Contains(Token, StringComparison.Ordinal));
        var settings = SystemdExport.Settings(units, Service);
        Assert.Contains("EnvironmentFile=-/srv/moneybot/config/.env", settings);
        Assert.Contains("Environment=\"MODE=x\"", settings);
        Assert.Equal(
            "/bin/sh -c \"export TELEGRAM_BOT_TOKEN=\\\"$${TOKEN_A:-}\\\"; unset TOKEN_A TOKEN_B; exec /bin/a\"",
            Regex.Replace(SystemdCommandLine.Value(SystemdExport.Unit(units, Service), "ExecStart"), " +", " ")
        );
        Assert.Contains(
            "export TELEGRAM_BOT_TOKEN=\\\"$${TOKEN_B?not set}\\\"; unset TOKEN_A TOKEN_B; exec",
            SystemdCommandLine.Value(SystemdExport.Unit(units, "moneybot-b.service"), "ExecStart"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_secret_in_the_arguments_is_refused_with_where_it_is()
    {
        var config = SystemdExport.Load(
            "programs:\n  a: { command: /bin/a, args: [--token, '${API_TOKEN}'] }\n",
            new Dictionary<string, string> { ["API_TOKEN"] = "s3cr3t-value" }
        );

        var error = Assert.Throws<InvalidOperationException>(() => SystemdUnits.Export(config));

        Assert.StartsWith("programs.a.args[1]: holds a secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_go_to_the_supervisors_files_separate_or_merged()
    {
        Assert.Equal(
            ["StandardOutput=append:/srv/moneybot/logs/a.out.log", "StandardError=append:/srv/moneybot/logs/a.err.log"],
            SettingsOf("logs: { stderr: separate }").Where(l => l.StartsWith("Standard", StringComparison.Ordinal))
        );
        Assert.Equal(
            ["StandardOutput=append:/srv/moneybot/logs/a.out.log", "StandardError=inherit"],
            SettingsOf("logs: { stderr: merge }").Where(l => l.StartsWith("Standard", StringComparison.Ordinal))
        );
    }

    [Fact]
    public void With_journal_logs_go_to_the_journal_under_the_programs_name()
    {
        var units = SystemdUnits.Export(
            SystemdExport.Load("programs:\n  a: { command: /bin/a }\n"),
            new SystemdExportOptions(Journal: true)
        );

        Assert.Equal(
            ["StandardOutput=journal", "StandardError=journal", "SyslogIdentifier=a"],
            SystemdExport
                .Settings(units, Service)
                .Where(l =>
                    l.StartsWith("Standard", StringComparison.Ordinal)
                    || l.StartsWith("Syslog", StringComparison.Ordinal)
                )
        );
    }

    [Fact]
    public void A_prefix_names_every_unit()
    {
        var units = SystemdUnits.Export(
            SystemdExport.Load("programs:\n  a: { command: /bin/a, group: g }\n"),
            new SystemdExportOptions(Prefix: "mb-live-")
        );

        Assert.Equal(["mb-live-a.service", "mb-live-g.target", "mb-live.target"], units.Select(u => u.FileName));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(500, "500ms")]
    [InlineData(1_500, "1s500ms")]
    [InlineData(90_000, "1min30s")]
    [InlineData(7_200_000, "2h")]
    public void Durations_are_written_as_systemd_time_spans(int milliseconds, string expected)
    {
        Assert.Equal(expected, SystemdSyntax.Span(TimeSpan.FromMilliseconds(milliseconds)));
    }

    private static IReadOnlyList<SystemdUnit> Export(string settings) =>
        SystemdUnits.Export(SystemdExport.Load($"programs:\n  a:\n    command: /bin/a\n    {settings}\n"));

    private static IReadOnlyList<string> SettingsOf(string settings) =>
        SystemdExport.Settings(Export(settings), Service);

    private static string Text(string settings) => SystemdExport.Unit(Export(settings), Service);
}
