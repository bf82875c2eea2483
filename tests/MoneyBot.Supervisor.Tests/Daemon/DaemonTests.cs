using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.Daemon;

public sealed class DaemonTests
{
    private const string Fast = "  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }";

    [Fact(Timeout = 60_000)]
    public async Task Reload_adds_removes_and_restarts_changed_programs_while_untouched_ones_keep_their_pid()
    {
        await using var h = await DaemonHarness.StartAsync(
            Sandbox.ProgramsYaml(
                Fast,
                ("keep", "--print-every, 60000"),
                ("change", "--print-every, 60000"),
                ("remove", "")
            )
        );
        await h.Programs().StartAsync(h.Programs().AutostartSet(), byOperator: false);
        var before = h.Pids();

        h.Sandbox.WriteConfig(
            Sandbox.ProgramsYaml(
                Fast,
                ("keep", "--print-every, 60000"),
                ("change", "--print-every, 30000"),
                ("add", "")
            )
        );
        var response = await h.Daemon.ReloadAsync();
        var after = h.Pids();

        Assert.True(response.Ok, response.Message);
        Assert.Equal(before["keep"], after["keep"]);
        Assert.NotEqual(before["change"], after["change"]);
        Assert.False(after.ContainsKey("remove"));
        Assert.False(ProcessProbe.IsAlive(before["remove"]));
        Assert.True(ProcessProbe.IsAlive(after["add"]));
        Assert.Equal(["keep", "change", "add"], h.Programs().Programs.Select(p => p.Name));
        var reloaded = await h.Events.NextAsync<ConfigReloaded>();
        Assert.Equal(["add"], reloaded.Added);
        Assert.Equal(["remove"], reloaded.Removed);
        Assert.Equal(["change"], reloaded.Changed);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_file_is_refused_on_reload_and_the_running_config_stays()
    {
        await using var h = await DaemonHarness.StartAsync(Sandbox.ProgramsYaml(Fast, ("a", "")));
        await h.Programs().StartAsync(h.Programs().AutostartSet(), byOperator: false);
        var pid = h.Pids()["a"];

        h.Sandbox.WriteConfig("programs:\n  a:\n    comand: x\n");
        var response = await h.Daemon.ReloadAsync();

        Assert.False(response.Ok);
        Assert.Contains(response.Problems!, p => p.Contains("programs.a.comand", StringComparison.Ordinal));
        Assert.Equal(pid, h.Pids()["a"]);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("")]
    [InlineData("# emptied by mistake\n")]
    [InlineData("programs: {}\n")]
    public async Task A_reload_to_a_file_without_programs_is_refused_and_every_program_keeps_running(string yaml)
    {
        await using var h = await DaemonHarness.StartAsync(Sandbox.ProgramsYaml(Fast, ("a", ""), ("b", "")));
        await h.Programs().StartAsync(h.Programs().AutostartSet(), byOperator: false);
        var pids = h.Pids();

        h.Sandbox.WriteConfig(yaml);
        var response = await h.Daemon.ReloadAsync();

        Assert.False(response.Ok);
        Assert.Contains(response.Problems!, p => p.Contains("no program is defined", StringComparison.Ordinal));
        Assert.Equal(pids, h.Pids());
        Assert.Equal(Running, h.Programs().Find("a")!.State);
        Assert.Equal(Running, h.Programs().Find("b")!.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_stopped_by_the_operator_stays_stopped_after_the_daemon_restarts()
    {
        await using var h = await DaemonHarness.StartAsync(Sandbox.ProgramsYaml(Fast, ("a", ""), ("b", "")));
        await h.Programs().StartAsync(h.Programs().AutostartSet(), byOperator: false);
        await h.Programs().StopAsync(h.Programs().Resolve("a")!, byOperator: true);

        await h.RestartDaemonAsync();
        await h.Programs().StartAsync(h.Programs().AutostartSet(), byOperator: false);

        var a = h.Programs().Find("a")!.Status();
        Assert.Equal(Stopped, a.State);
        Assert.True(a.StoppedByOperator);
        Assert.Equal(Running, h.Programs().Find("b")!.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_starts_only_after_its_dependency_is_running_and_stops_before_it()
    {
        var yaml =
            "defaults:\n  start_secs: 1s\n  logs: { timestamps: false }\nprograms:\n"
            + $"  app:\n    command: {TestPrograms.Path}\n    depends_on: [exchange]\n"
            + $"  exchange:\n    command: {TestPrograms.Path}\n";
        await using var h = await DaemonHarness.StartAsync(yaml, autostart: false);

        await h.Programs().StartAsync(h.Programs().Resolve("app")!, byOperator: true);
        await h.Programs().StopAsync(h.Programs().Resolve("all")!, byOperator: true);

        var order = h.Events.All.OfType<ProgramStateChanged>().Select(e => $"{e.Program}:{e.To}").ToList();
        Assert.True(order.IndexOf("exchange:Running") < order.IndexOf("app:Starting"), string.Join(", ", order));
        Assert.True(order.IndexOf("app:Stopped") < order.IndexOf("exchange:Stopping"), string.Join(", ", order));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_daemon_on_the_same_config_is_refused_with_a_clear_message()
    {
        await using var h = await DaemonHarness.StartAsync(Sandbox.ProgramsYaml(Fast, ("a", "")), autostart: false);

        var e = await Assert.ThrowsAsync<DaemonAlreadyRunningException>(() =>
            SupervisorDaemon.StartAsync(h.Config, new DaemonOptions())
        );

        Assert.Contains("already running", e.Message, StringComparison.Ordinal);
        Assert.Contains(
            Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Message,
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task The_control_socket_is_private_to_its_owner_and_answers_status()
    {
        await using var h = await DaemonHarness.StartAsync(Sandbox.ProgramsYaml(Fast, ("a", "")), autostart: false);

        var mode = File.GetUnixFileMode(h.Config.Daemon.SocketPath);
        var response = await new ControlClient(h.Config.Daemon.SocketPath).SendAsync(new SupervisorCommand.Status());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.True(response!.Ok);
        Assert.Equal(ProgramState.Stopped, Assert.Single(response.Programs!).State);
    }

    [Fact(Timeout = 60_000)]
    public async Task Health_lists_each_autostart_program_that_is_not_running()
    {
        await using var h = await DaemonHarness.StartAsync(
            Sandbox.ProgramsYaml(
                "  start_secs: 1s\n  logs: { timestamps: false }\n  give_up: { restarts: 0, within: 1m }",
                ("good", ""),
                ("bad", "--crash")
            )
        );
        await h.Programs().StartAsync(h.Programs().AutostartSet(), byOperator: false);

        var response = await new ControlClient(h.Config.Daemon.SocketPath).SendAsync(new SupervisorCommand.Health());

        Assert.False(response!.Ok);
        var problem = Assert.Single(response.Problems!);
        Assert.StartsWith("bad: FATAL", problem, StringComparison.Ordinal);
    }
}

internal static class DaemonHarnessExtensions
{
    public static ProgramSet Programs(this DaemonHarness h) => h.Daemon.Programs;

    public static Dictionary<string, int> Pids(this DaemonHarness h) =>
        h.Daemon.Programs.Statuses().Where(s => s.Pid is not null).ToDictionary(s => s.Name, s => s.Pid!.Value);
}
