using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MoneyBot.Supervisor.Metrics;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Metrics;

/// <summary>The real daemon, started by the real CLI, with <c>supervisor.metrics</c>, scraped from outside.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Defaults =
        "  start_secs: 1s\n  stop_timeout: 5s\n  logs: { timestamps: false }\n"
        + "  backoff: { initial: 200ms, factor: 1, jitter: 0 }\n  give_up: { restarts: 1000, within: 1m }";

    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    private readonly Sandbox _sandbox = new();
    private readonly int _port = LoopbackPort.Free();
    private string _config = "";

    private string RunDir => _sandbox.Combine("run");

    private string DaemonLog => Path.Combine(_sandbox.LogDir, "supervisor.log");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact(Timeout = 120_000)]
    public async Task The_counters_follow_crashes_log_output_and_watchdog_timeouts_as_they_happen()
    {
        _config = WriteConfig(
            _port,
            ("crasher", "--crash, --code, 3", ""),
            ("chatty", "--print-every, 20", "    group: feeds\n"),
            (
                "watched",
                "--ready-after, 0, --watchdog-every, 100, --watchdog-for, 300",
                "    ready: notify\n    watchdog: 1s\n"
            ),
            ("idle", "--print-every, 60000", "    autostart: false\n")
        );
        await CliRunner.RunAsync("up", "-c", _config); // exit 1: crasher does not start
        using var scraper = new MetricsScraper(_port);

        var first = await scraper.WaitForAsync(v => Value(v, "moneybot_program_up", "chatty") == 1, "chatty RUNNING");
        var crashes = await scraper.WaitForAsync(
            v => Value(v, "moneybot_program_restarts_total", "crasher") >= 2,
            "crasher restarted twice"
        );
        Assert.Equal(3, Value(crashes, "moneybot_program_last_exit_code", "crasher"));
        Assert.False(crashes.ContainsKey(Series("moneybot_program_last_exit_signal", "crasher")));
        Assert.True(Value(crashes, "moneybot_program_log_bytes_written_total", "crasher", "stream", "stderr") >= 18);
        var grown = await scraper.WaitForAsync(
            v =>
                Value(v, "moneybot_program_log_bytes_written_total", "chatty", "stream", "stdout")
                > Value(first, "moneybot_program_log_bytes_written_total", "chatty", "stream", "stdout") + 100,
            "chatty's log grew"
        );
        Assert.Equal(0, Value(grown, "moneybot_program_log_bytes_written_total", "chatty", "stream", "stderr"));
        Assert.Equal(0, Value(grown, "moneybot_program_restarts_total", "chatty"));
        Assert.True(Value(grown, "moneybot_program_uptime_seconds", "chatty") > 0);

        // The timeout is counted when the kill is sent; the exit is recorded once the process has died.
        var timedOut = await scraper.WaitForAsync(
            v =>
                Value(v, "moneybot_program_watchdog_timeouts_total", "watched") >= 1
                && v.ContainsKey(Series("moneybot_program_last_exit_signal", "watched")),
            "a watchdog timeout and the exit it caused"
        );
        Assert.Equal(SignalNames.Kill, Value(timedOut, "moneybot_program_last_exit_signal", "watched"));
        Assert.False(timedOut.ContainsKey(Series("moneybot_program_last_exit_code", "watched")));
        await scraper.WaitForAsync(
            v => Value(v, "moneybot_program_restarts_total", "watched") >= 1,
            "the watched program restarted"
        );

        // never started: STOPPED, no exit yet, nothing written
        Assert.Equal(1, Value(timedOut, "moneybot_program_state", "idle", "state", "STOPPED"));
        Assert.Equal(0, Value(timedOut, "moneybot_program_state", "idle", "state", "RUNNING"));
        Assert.Equal(0, Value(timedOut, "moneybot_program_up", "idle"));
        Assert.Equal(0, Value(timedOut, "moneybot_program_uptime_seconds", "idle"));
        Assert.False(timedOut.ContainsKey(Series("moneybot_program_last_exit_code", "idle")));
        Assert.True(timedOut["moneybot_daemon_uptime_seconds"] > 0);
        Assert.InRange(timedOut["moneybot_daemon_resident_memory_bytes"], 1e6, 1e9);
        Assert.True(timedOut.ContainsKey("moneybot_program_up{program=\"chatty\",group=\"feeds\"}"), "the group label");
    }

    [Fact(Timeout = 120_000)]
    public async Task Metrics_are_off_by_default_the_daemon_listens_on_no_tcp_port()
    {
        _config = WriteConfig(null, ("alpha", "--print-every, 60000", ""));
        await UpAsync();

        var daemon = CliRunner.DaemonPid(RunDir)!.Value;
        Assert.Empty(TcpListeners(daemon));
        Assert.DoesNotContain("metrics", await File.ReadAllTextAsync(DaemonLog), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Hostile_clients_get_their_answer_and_disturb_neither_other_scrapes_nor_supervision()
    {
        _config = WriteConfig(_port, ("alpha", "--print-every, 60000", ""));
        await UpAsync();
        var daemon = CliRunner.DaemonPid(RunDir)!.Value;
        Assert.Equal([_port], TcpListeners(daemon));
        var alpha = await PidAsync("alpha");
        using var scraper = new MetricsScraper(_port);

        // clients that connect and send nothing (half the cap): the others are served meanwhile
        var silent = new List<Socket>();
        for (var i = 0; i < (MetricsServer.MaxConnections / 2) - 1; i++)
        {
            silent.Add(await scraper.ConnectAsync());
        }

        var half = await scraper.ConnectAsync();
        await half.SendAsync("GET /metrics HTTP/1.1\r\nHost: x\r\n"u8.ToArray()); // and then nothing

        using var http = new HttpClient();
        using (var post = await http.PostAsync(scraper.Url, new StringContent("x=1")))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
            Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order(StringComparer.Ordinal));
        }

        using (var other = await http.GetAsync(new Uri($"http://127.0.0.1:{_port}/")))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, scraper.Url)))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.True(head.Content.Headers.ContentLength > 100);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        var huge = await scraper.RawAsync(
            "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('a', 16 * 1024) + "\r\n\r\n"
        );
        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", huge, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400 ", await scraper.RawAsync("BAD\r\n\r\n"), StringComparison.Ordinal);
        Assert.StartsWith(
            "HTTP/1.1 505 ",
            await scraper.RawAsync("GET /metrics HTTP/2.0\r\n\r\n"),
            StringComparison.Ordinal
        );
        using (var cut = await scraper.ConnectAsync())
        {
            await cut.SendAsync("GET /metr"u8.ToArray()); // and goes away mid-request
        }

        Assert.Contains(
            "moneybot_program_up{program=\"alpha\"} 1",
            await scraper.TextAsync(),
            StringComparison.Ordinal
        );

        // the silent ones are answered 408 once the request deadline passes, and closed
        var late = await MetricsScraper.ReadToEndAsync(half, TimeSpan.FromSeconds(15));
        Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", late, StringComparison.Ordinal);
        foreach (var socket in silent)
        {
            Assert.StartsWith(
                "HTTP/1.1 408 ",
                await MetricsScraper.ReadToEndAsync(socket, TimeSpan.FromSeconds(15)),
                StringComparison.Ordinal
            );
            socket.Dispose();
        }

        half.Dispose();

        // more silent clients than the cap: the next one is turned away at once, until they are gone
        var crowd = new List<Socket>();
        for (var i = 0; i < MetricsServer.MaxConnections; i++)
        {
            crowd.Add(await scraper.ConnectAsync());
        }

        var refused = await scraper.RawAsync("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", refused, StringComparison.Ordinal);
        crowd.ForEach(s => s.Dispose());
        await scraper.WaitUntilServedAsync(); // once the crowd has gone

        // supervision did not notice: the same process runs, nothing failed in the daemon
        Assert.Equal(alpha, await PidAsync("alpha"));
        Assert.True(ProcessProbe.IsAlive(daemon));
        var log = await File.ReadAllTextAsync(DaemonLog);
        Assert.DoesNotContain("request failed", log, StringComparison.Ordinal);
        Assert.DoesNotContain("accept failed", log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_taken_port_leaves_the_bots_running_without_metrics_and_status_says_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, _port);
        taken.Start();
        _config = WriteConfig(_port, ("alpha", "--print-every, 60000", ""));

        var up = await CliRunner.RunAsync("up", "-c", _config);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Matches(@"alpha\s+RUNNING", up.Output);
        var status = await CliRunner.RunAsync("status", "-c", _config);
        Assert.Contains(
            $"metrics: cannot listen on 127.0.0.1:{_port} (",
            status.Output + status.Error,
            StringComparison.Ordinal
        );
        Assert.Contains(
            $"metrics: cannot listen on 127.0.0.1:{_port}",
            await File.ReadAllTextAsync(DaemonLog),
            StringComparison.Ordinal
        );
        var health = await CliRunner.RunAsync("health", "-c", _config);
        Assert.True(health.ExitCode == 0, health.ToString()); // the bots are healthy
    }

    [Fact(Timeout = 120_000)]
    public async Task Reload_drops_a_removed_program_but_keeps_the_address_until_the_daemon_restarts()
    {
        _config = WriteConfig(_port, ("alpha", "--print-every, 60000", ""), ("beta", "--print-every, 60000", ""));
        await UpAsync();
        using var scraper = new MetricsScraper(_port);
        await scraper.WaitForAsync(v => Value(v, "moneybot_program_up", "beta") == 1, "beta RUNNING");
        var otherPort = LoopbackPort.Free();

        WriteConfig(otherPort, ("alpha", "--print-every, 60000", ""));
        var reload = await CliRunner.RunAsync("reload", "-c", _config);

        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Contains(
            "changes to the supervisor: section apply after the daemon restarts",
            reload.Output + reload.Error,
            StringComparison.Ordinal
        );
        var after = await scraper.ValuesAsync();
        Assert.Equal(1, Value(after, "moneybot_program_up", "alpha"));
        Assert.DoesNotContain(after.Keys, k => k.Contains("\"beta\"", StringComparison.Ordinal));
        Assert.Equal([_port], TcpListeners(CliRunner.DaemonPid(RunDir)!.Value));

        Assert.Equal(0, (await CliRunner.RunAsync("down", "-c", _config)).ExitCode);
        Assert.DoesNotContain(
            "metrics: accept failed",
            await File.ReadAllTextAsync(DaemonLog),
            StringComparison.Ordinal
        );
        await UpAsync();
        using var moved = new MetricsScraper(otherPort);
        Assert.Equal(1, Value(await moved.ValuesAsync(), "moneybot_program_up", "alpha"));
        await Assert.ThrowsAsync<HttpRequestException>(scraper.TextAsync);
    }

    public async Task DisposeAsync()
    {
        if (_config.Length > 0)
        {
            await CliRunner.RunAsync("down", "-c", _config);
        }

        if (CliRunner.DaemonPid(RunDir) is { } daemon)
        {
            NativeMethods.SendSignal(daemon, SignalNames.Kill);
        }

        foreach (var pid in ProcessProbe.WithArgument(TestPrograms.Path).Where(IsOurs))
        {
            ProcessProbe.KillQuietly(pid);
        }

        _sandbox.Dispose();
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>The TCP ports process <paramref name="pid"/> listens on (its sockets in LISTEN).</summary>
    internal static List<int> TcpListeners(int pid)
    {
        var inodes = Directory
            .GetFiles($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .OfType<string>()
            .Where(t => t.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(t => t[8..^1])
            .ToHashSet();
        return TcpTables
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[3] == "0A" && inodes.Contains(f[9]))
            .Select(f => Convert.ToInt32(f[1][(f[1].LastIndexOf(':') + 1)..], 16))
            .ToList();
    }

    private static string Series(string family, string program, string? label = null, string? value = null) =>
        label is null ? $"{family}{{program=\"{program}\"}}" : $"{family}{{program=\"{program}\",{label}=\"{value}\"}}";

    /// <summary>The value of a program's series, whatever its group label.</summary>
    private static double Value(
        Dictionary<string, double> values,
        string family,
        string program,
        string? label = null,
        string? value = null
    )
    {
        var extra = label is null ? "}" : $",{label}=\"{value}\"}}";
        var match = values.Where(p =>
            p.Key.StartsWith($"{family}{{program=\"{program}\"", StringComparison.Ordinal)
            && p.Key.EndsWith(extra, StringComparison.Ordinal)
            && (label is not null || !p.Key.Contains(",state=", StringComparison.Ordinal))
        );
        return Assert.Single(match).Value;
    }

    private string WriteConfig(int? port, params (string Name, string Args, string More)[] programs)
    {
        var supervisor = port is { } p ? $"supervisor:\n  metrics: 127.0.0.1:{p}\n" : string.Empty;
        var yaml = Sandbox.ProgramsYaml(Defaults, programs.Select(q => (q.Name, q.Args)).ToArray());
        foreach (var (name, args, more) in programs)
        {
            yaml = yaml.Replace($"    args: [{args}]\n", $"    args: [{args}]\n{more}", StringComparison.Ordinal);
        }

        return _sandbox.WriteConfig(supervisor + yaml);
    }

    private async Task UpAsync()
    {
        var up = await CliRunner.RunAsync("up", "-c", _config);
        Assert.True(up.ExitCode == 0, up.ToString());
    }

    private async Task<int> PidAsync(string program)
    {
        var status = await CliRunner.RunAsync("status", "--json", "-c", _config);
        Assert.True(status.ExitCode == 0, status.ToString());
        return JsonDocument
            .Parse(status.Output)
            .RootElement.EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == program)
            .GetProperty("pid")
            .GetInt32();
    }

    private bool IsOurs(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Contains(_sandbox.Root, StringComparison.Ordinal)
                || Directory
                    .ResolveLinkTarget($"/proc/{pid}/cwd", false)
                    ?.FullName.StartsWith(_sandbox.Root, StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
