using System.Text.Json;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

/// <summary>The real daemon, launched by the real CLI, driven and killed from outside.</summary>
public sealed class DaemonProcessTests : IAsyncLifetime, IDisposable
{
    private const string Defaults = "  start_secs: 1s\n  stop_timeout: 5s\n  logs: { timestamps: false }";
    private readonly Sandbox _sandbox = new();
    private string _config = "";

    private string RunDir => _sandbox.Combine("run");

    public Task InitializeAsync()
    {
        _config = _sandbox.WriteConfig(
            Sandbox.ProgramsYaml(Defaults, ("alpha", "--print-every, 60000"), ("beta", "--print-every, 60000"))
        );
        return Task.CompletedTask;
    }

    [Fact(Timeout = 120_000)]
    public async Task Up_starts_the_daemon_and_programs_and_the_verbs_drive_them()
    {
        var up = await CliRunner.RunAsync("up", "-c", _config);
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Matches(@"alpha\s+RUNNING", up.Output);

        var before = await StatusAsync();
        var restart = await CliRunner.RunAsync("restart", "alpha", "-c", _config);
        var after = await StatusAsync();
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.NotEqual(before["alpha"].GetProperty("pid").GetInt32(), after["alpha"].GetProperty("pid").GetInt32());
        Assert.Equal(before["beta"].GetProperty("pid").GetInt32(), after["beta"].GetProperty("pid").GetInt32());
        foreach (var key in new[] { "name", "state", "pid", "restarts", "uptime_s", "last_exit", "status_text" })
        {
            Assert.True(after["alpha"].TryGetProperty(key, out _), key);
        }

        var stop = await CliRunner.RunAsync("stop", "beta", "-c", _config);
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal(JsonValueKind.Null, (await StatusAsync())["beta"].GetProperty("pid").ValueKind);
        var health = await CliRunner.RunAsync("health", "-c", _config);
        Assert.Equal(1, health.ExitCode);
        Assert.Contains("beta: STOPPED", health.Output + health.Error, StringComparison.Ordinal);

        var unknown = await CliRunner.RunAsync("start", "gamma", "-c", _config);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no program or group named 'gamma'", unknown.Error, StringComparison.Ordinal);

        var pids = (await StatusAsync())
            .Values.Select(p => p.GetProperty("pid"))
            .Where(p => p.ValueKind == JsonValueKind.Number)
            .Select(p => p.GetInt32())
            .ToList();
        var daemon = CliRunner.DaemonPid(RunDir)!.Value;
        var down = await CliRunner.RunAsync("down", "-c", _config);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.False(ProcessProbe.IsAlive(daemon));
        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
    }

    [Fact(Timeout = 120_000)]
    public async Task After_the_daemon_is_sigkilled_the_next_up_stops_the_orphans_so_no_bot_runs_twice()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", _config)).ExitCode);
        var orphans = (await StatusAsync()).ToDictionary(p => p.Key, p => p.Value.GetProperty("pid").GetInt32());
        var daemon = CliRunner.DaemonPid(RunDir)!.Value;

        // the daemon alone: its children live on in their own groups
        NativeMethods.SendSignal(daemon, SignalNames.Kill);
        Assert.All(orphans.Values, pid => Assert.True(ProcessProbe.IsAlive(pid)));
        var up = await CliRunner.RunAsync("up", "-c", _config);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.All(orphans.Values, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        var fresh = await StatusAsync();
        Assert.All(fresh, p => Assert.NotEqual(orphans[p.Key], p.Value.GetProperty("pid").GetInt32()));
        Assert.Equal(2, ProcessProbe.WithArgument(TestPrograms.Path).Count(pid => IsOurs(pid)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Down_stops_the_daemon_even_after_its_config_file_was_broken()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", _config)).ExitCode);
        var daemon = CliRunner.DaemonPid(RunDir)!.Value;
        var pids = (await StatusAsync()).Values.Select(p => p.GetProperty("pid").GetInt32()).ToList();
        await File.AppendAllTextAsync(_config, "  gamma:\n    args: [1\n"); // half an edit: invalid YAML

        var down = await CliRunner.RunAsync("down", "-c", _config);

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("error(s) in", down.Error, StringComparison.Ordinal);
        Assert.Contains(
            $"stopping the daemon running from {RunDir} all the same",
            down.Error,
            StringComparison.Ordinal
        );
        Assert.False(ProcessProbe.IsAlive(daemon));
        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Once_started_the_daemon_hands_back_its_start_up_pages_and_works_on()
    {
        await using (var log = new LogWatcher(Path.Combine(_sandbox.LogDir, "supervisor.log")))
        {
            Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", _config)).ExitCode);
            Assert.Matches(@"released \d+\.\d MiB of start-up pages", await log.WaitForAsync("start-up pages"));
        }

        // Code and constants dropped from the process come back from the file: the daemon answers and restarts.
        var before = await StatusAsync();
        var restart = await CliRunner.RunAsync("restart", "alpha", "-c", _config);
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.NotEqual(
            before["alpha"].GetProperty("pid").GetInt32(),
            (await StatusAsync())["alpha"].GetProperty("pid").GetInt32()
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Sigterm_to_the_daemon_stops_everything_like_down_and_sighup_reloads()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", _config)).ExitCode);
        var daemon = CliRunner.DaemonPid(RunDir)!.Value;
        var pids = (await StatusAsync()).Values.Select(p => p.GetProperty("pid").GetInt32()).ToList();

        _sandbox.WriteConfig(Sandbox.ProgramsYaml(Defaults, ("alpha", "--print-every, 60000")));
        await using (var log = new LogWatcher(Path.Combine(_sandbox.LogDir, "supervisor.log")))
        {
            NativeMethods.SendSignal(daemon, SignalNames.Hup);
            await log.WaitForAsync("reload applied");
        }

        Assert.False(ProcessProbe.IsAlive(pids[1]));
        await using (var log = new LogWatcher(Path.Combine(_sandbox.LogDir, "supervisor.log")))
        {
            NativeMethods.SendSignal(daemon, SignalNames.Term);
            await log.WaitForAsync("daemon stopped");
        }

        Assert.False(ProcessProbe.IsAlive(pids[0]));
        Assert.False(File.Exists(Path.Combine(RunDir, "moneybot.sock")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Sigint_waits_for_a_program_that_takes_its_whole_stop_timeout_before_the_daemon_exits()
    {
        // Ctrl-C to a daemon in the foreground. A program that ignores SIGTERM is killed after its stop_timeout
        // (4 s): the daemon must stay until then, not exit when the command line gives up on it after 2 s.
        _config = _sandbox.WriteConfig(
            Sandbox.ProgramsYaml(
                "  start_secs: 1s\n  stop_timeout: 4s\n  logs: { timestamps: false }",
                ("stubborn", "--ignore-term")
            )
        );
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", _config)).ExitCode);
        var daemon = CliRunner.DaemonPid(RunDir)!.Value;
        var stubborn = (await StatusAsync())["stubborn"].GetProperty("pid").GetInt32();

        await using (var log = new LogWatcher(Path.Combine(_sandbox.LogDir, "supervisor.log")))
        {
            NativeMethods.SendSignal(daemon, SignalNames.Int);
            await log.WaitForAsync("daemon stopped");
        }

        Assert.False(ProcessProbe.IsAlive(stubborn), "the program outlived its daemon");
    }

    public async Task DisposeAsync()
    {
        await CliRunner.RunAsync("down", "-c", _config);
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

    private async Task<Dictionary<string, JsonElement>> StatusAsync()
    {
        var result = await CliRunner.RunAsync("status", "--json", "-c", _config);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument
            .Parse(result.Output)
            .RootElement.EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.Clone());
    }
}
