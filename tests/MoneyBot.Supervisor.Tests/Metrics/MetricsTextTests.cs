using System.Text;
using MoneyBot.Supervisor.Metrics;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Tests.Metrics;

/// <summary>The exposition text: families, the state set, escaping, what is left out.</summary>
public sealed class MetricsTextTests
{
    private static readonly DaemonMetrics Daemon = new(TimeSpan.FromSeconds(12.3456), 11_534_336);

    [Fact]
    public void Every_family_has_help_and_type_and_every_program_its_series()
    {
        var text = Write(
            Metrics(Status("extgap-3m", ProgramState.Running, group: "extgap") with { Restarts = 3 }, 1200, 34, 2),
            Metrics(Status("exchange", ProgramState.Stopped))
        );

        foreach (
            var (family, type) in new[]
            {
                ("moneybot_program_up", "gauge"),
                ("moneybot_program_state", "gauge"),
                ("moneybot_program_restarts_total", "counter"),
                ("moneybot_program_last_exit_code", "gauge"),
                ("moneybot_program_last_exit_signal", "gauge"),
                ("moneybot_program_uptime_seconds", "gauge"),
                ("moneybot_program_log_bytes_written_total", "counter"),
                ("moneybot_program_watchdog_timeouts_total", "counter"),
                ("moneybot_daemon_uptime_seconds", "gauge"),
                ("moneybot_daemon_resident_memory_bytes", "gauge"),
            }
        )
        {
            Assert.Contains($"\n# HELP {family} ", "\n" + text, StringComparison.Ordinal);
            Assert.Contains($"\n# TYPE {family} {type}\n", text, StringComparison.Ordinal);
        }

        Assert.Contains(
            "moneybot_program_up{program=\"extgap-3m\",group=\"extgap\"} 1\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains("moneybot_program_up{program=\"exchange\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "moneybot_program_restarts_total{program=\"extgap-3m\",group=\"extgap\"} 3\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "moneybot_program_log_bytes_written_total{program=\"extgap-3m\",group=\"extgap\",stream=\"stdout\"} 1200\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "moneybot_program_log_bytes_written_total{program=\"extgap-3m\",group=\"extgap\",stream=\"stderr\"} 34\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "moneybot_program_watchdog_timeouts_total{program=\"extgap-3m\",group=\"extgap\"} 2\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "moneybot_program_uptime_seconds{program=\"extgap-3m\",group=\"extgap\"} 61.5\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains("moneybot_program_uptime_seconds{program=\"exchange\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("moneybot_daemon_uptime_seconds 12.346\n", text, StringComparison.Ordinal);
        Assert.Contains("moneybot_daemon_resident_memory_bytes 11534336\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_is_a_state_set_one_series_per_state_with_1_for_the_current_one()
    {
        var text = Write(Metrics(Status("bot", ProgramState.Backoff)));

        var states = Lines(text, "moneybot_program_state{").ToList();
        Assert.Equal(
            [
                "moneybot_program_state{program=\"bot\",state=\"STOPPED\"} 0",
                "moneybot_program_state{program=\"bot\",state=\"STARTING\"} 0",
                "moneybot_program_state{program=\"bot\",state=\"RUNNING\"} 0",
                "moneybot_program_state{program=\"bot\",state=\"BACKOFF\"} 1",
                "moneybot_program_state{program=\"bot\",state=\"STOPPING\"} 0",
                "moneybot_program_state{program=\"bot\",state=\"EXITED\"} 0",
                "moneybot_program_state{program=\"bot\",state=\"FATAL\"} 0",
            ],
            states
        );
    }

    [Fact]
    public void The_last_exit_is_a_code_or_a_signal_and_absent_before_any_exit()
    {
        var text = Write(
            Metrics(Status("never", ProgramState.Running)),
            Metrics(Status("coded", ProgramState.Backoff) with { LastExit = new ExitStatus(3, null) }),
            Metrics(Status("killed", ProgramState.Backoff) with { LastExit = new ExitStatus(null, 9) })
        );

        Assert.Equal(
            ["moneybot_program_last_exit_code{program=\"coded\"} 3"],
            Lines(text, "moneybot_program_last_exit_code{")
        );
        Assert.Equal(
            ["moneybot_program_last_exit_signal{program=\"killed\"} 9"],
            Lines(text, "moneybot_program_last_exit_signal{")
        );
    }

    [Fact]
    public void Label_values_escape_backslash_double_quote_and_line_feed()
    {
        var text = Write(Metrics(Status("a\\b\"c\nd", ProgramState.Running, group: "g\"1")));

        Assert.Contains(
            "moneybot_program_up{program=\"a\\\\b\\\"c\\nd\",group=\"g\\\"1\"} 1\n",
            text,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void With_no_program_and_no_rss_only_the_daemon_uptime_has_a_value()
    {
        var text = Write(new DaemonMetrics(TimeSpan.Zero, null));

        Assert.Equal(["moneybot_daemon_uptime_seconds 0"], text.Split('\n').Where(l => l.Length > 0 && l[0] != '#'));
        Assert.DoesNotContain("resident", text, StringComparison.Ordinal);
    }

    private static string Write(params ProgramMetrics[] programs) => Write(Daemon, programs);

    private static string Write(DaemonMetrics daemon, params ProgramMetrics[] programs)
    {
        var text = new StringBuilder();
        MetricsText.Write(text, programs, daemon);
        return text.ToString();
    }

    private static string[] Lines(string text, string prefix) =>
        text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    private static ProgramMetrics Metrics(ProgramStatus status, long stdout = 0, long stderr = 0, long watchdog = 0) =>
        new(status, stdout, stderr, watchdog);

    private static ProgramStatus Status(string name, ProgramState state, string? group = null) =>
        new(
            name,
            group,
            state,
            state == ProgramState.Running ? 4242 : null,
            state == ProgramState.Running ? TimeSpan.FromSeconds(61.5) : null,
            0,
            null,
            null,
            null,
            null,
            "test",
            false,
            true
        );
}
