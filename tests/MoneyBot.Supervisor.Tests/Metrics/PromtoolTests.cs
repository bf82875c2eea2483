using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Metrics;

/// <summary>
/// A real scrape of the daemon passes <c>promtool check metrics</c> (Prometheus' own parser and linter), and the check
/// can fail. promtool comes from Debian's <c>prometheus</c> package; <c>.ci/run</c> installs it (only that binary).
/// </summary>
public sealed class PromtoolTests : IAsyncLifetime, IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly int _port = LoopbackPort.Free();
    private string _config = "";

    /// <summary>
    /// <c>$PROMTOOL</c>, else <c>promtool</c> on the PATH or in /usr/local/bin. Missing: the test fails and says how to
    /// install it.
    /// </summary>
    private static string Promtool
    {
        get
        {
            var candidates = new[] { Environment.GetEnvironmentVariable("PROMTOOL") }
                .Concat(
                    (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                        .Split(':', StringSplitOptions.RemoveEmptyEntries)
                        .Append("/usr/local/bin")
                        .Select(d => Path.Combine(d, "promtool"))
                )
                .OfType<string>();
            var found = candidates.FirstOrDefault(File.Exists);
            Assert.True(
                found is not null,
                "promtool is missing (CI's .ci/run installs it): as root, apt-get update && apt-get download "
                    + "prometheus && dpkg-deb -x prometheus_*.deb /tmp/prom && cp /tmp/prom/usr/bin/promtool "
                    + "/usr/local/bin/ (or set PROMTOOL to its path)"
            );
            return found!;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact(Timeout = 120_000)]
    public async Task A_real_scrape_passes_promtool_check_metrics_without_a_lint_problem()
    {
        var promtool = Promtool;
        _config = _sandbox.WriteConfig(
            $"supervisor:\n  metrics: 127.0.0.1:{_port}\n"
                + Sandbox.ProgramsYaml(
                    "  start_secs: 1s\n  logs: { timestamps: false }\n  backoff: { initial: 200ms, jitter: 0 }",
                    ("steady", "--print-every, 50"),
                    ("crasher", "--crash, --code, 2"),
                    ("grouped", "--print-every, 60000")
                )
                + "    group: feeds\n"
        );
        await CliRunner.RunAsync("up", "-c", _config); // exit 1: crasher does not start
        using var scraper = new MetricsScraper(_port);
        await scraper.WaitForAsync(
            v => v.ContainsKey("moneybot_program_last_exit_code{program=\"crasher\"}"),
            "crasher exited"
        );

        var text = await scraper.TextAsync();
        var check = await CheckAsync(promtool, text);

        Assert.True(check.ExitCode == 0 && check.Output.Length + check.Error.Length == 0, check + "\n" + text);
    }

    [Fact(Timeout = 60_000)]
    public async Task Promtool_fails_a_broken_exposition_and_one_with_a_lint_problem()
    {
        var promtool = Promtool;

        var broken = await CheckAsync(promtool, "# TYPE moneybot_program_up gauge\nmoneybot_program_up{program=x} 1\n");
        var lint = await CheckAsync(
            promtool,
            "# HELP moneybot_program_restarts Restarts.\n# TYPE moneybot_program_restarts counter\n"
                + "moneybot_program_restarts{program=\"x\"} 1\n"
        );

        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("parsing error", broken.Output + broken.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains(
            "counter metrics should have \"_total\" suffix",
            lint.Output + lint.Error,
            StringComparison.Ordinal
        );
    }

    public void Dispose() => _sandbox.Dispose();

    public async Task DisposeAsync()
    {
        if (_config.Length > 0)
        {
            await CliRunner.RunAsync("down", "-c", _config);
        }

        if (CliRunner.DaemonPid(_sandbox.Combine("run")) is { } daemon)
        {
            NativeMethods.SendSignal(daemon, SignalNames.Kill);
        }

        _sandbox.Dispose();
    }

    /// <summary><c>promtool check metrics</c> with <paramref name="text"/> on its standard input.</summary>
    private async Task<CommandOutcome> CheckAsync(string promtool, string text)
    {
        var file = _sandbox.Combine($"scrape-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, text);
        return await ChildCommand.RunAsync("/bin/sh", ["-c", "exec \"$0\" check metrics < \"$1\"", promtool, file]);
    }
}
