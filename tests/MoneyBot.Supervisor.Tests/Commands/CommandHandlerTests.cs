using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Infrastructure;
using static MoneyBot.Supervisor.Commands.SupervisorCommand;

namespace MoneyBot.Supervisor.Tests.Commands;

/// <summary>
/// The command handler works on a program set and the functions it is given, with no daemon around it: what the
/// CLI and the chat ask is carried out by this one class.
/// </summary>
public sealed class CommandHandlerTests : IAsyncLifetime, IDisposable
{
    private const string Fast = "  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }";
    private static readonly string[] Names = ["alpha", "beta"];
    private readonly Sandbox _sandbox = new();
    private readonly List<string> _shutdowns = [];
    private readonly ServiceProblems _problems = new();
    private ProgramSet _programs = null!;
    private CommandHandler _handler = null!;
    private int _reloads;

    public Task InitializeAsync()
    {
        var config = _sandbox.LoadConfig(
            $"defaults:\n{Fast}\nprograms:\n"
                + string.Concat(
                    Names.Select(n => $"  {n}:\n    command: {TestPrograms.Path}\n    args: []\n    group: bots\n")
                )
        );
        _programs = new ProgramSet(config, TimeProvider.System, NullLogger.Instance, new EventBus());
        var reports = new ReportBuilder(
            _programs.Statuses,
            new CrashLedger(TimeProvider.System),
            config.Daemon.LogDir,
            TimeProvider.System,
            DateTimeOffset.UtcNow
        );
        _handler = new CommandHandler(
            _programs,
            _ =>
            {
                _reloads++;
                return Task.FromResult(new CommandResult(true, "reloaded"));
            },
            reason =>
            {
                _shutdowns.Add(reason);
                return Task.CompletedTask;
            },
            reports,
            _problems,
            config.Daemon.LogDir
        );
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _programs.StopAsync(_programs.Programs, byOperator: false);
        await _programs.DisposeAsync();
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task Status_carries_each_program_with_its_state_as_an_enum_and_the_services_problems()
    {
        _problems.Set("telegram", "telegram: another process is polling this bot's token");

        var all = await _handler.HandleAsync(new Status(), CancellationToken.None);
        var one = await _handler.HandleAsync(new Status("beta"), CancellationToken.None);

        Assert.True(all.Ok);
        Assert.Equal(["alpha", "beta"], all.Programs!.Select(p => p.Name));
        Assert.All(all.Programs!, p => Assert.Equal(ProgramState.Stopped, p.State));
        Assert.Equal("telegram: another process is polling this bot's token", all.Message);
        Assert.Equal("beta", Assert.Single(one.Programs!).Name);
    }

    [Fact(Timeout = 30_000)]
    public async Task Reload_and_down_go_to_the_functions_the_handler_was_given()
    {
        var reload = await _handler.HandleAsync(new Reload(), CancellationToken.None);
        var down = await _handler.HandleAsync(new Down(), CancellationToken.None);

        Assert.Equal("reloaded", reload.Message);
        Assert.Equal(1, _reloads);
        Assert.Equal(["down requested"], _shutdowns);
        Assert.True(down.Ok);
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_stop_and_restart_act_on_a_group_and_report_the_outcome()
    {
        var started = await _handler.HandleAsync(new Start("bots"), CancellationToken.None);
        Assert.True(started.Ok, started.Message);
        Assert.Equal("started alpha, beta", started.Message);
        Assert.All(_programs.Statuses(), s => Assert.Equal(ProgramState.Running, s.State));

        var restarted = await _handler.HandleAsync(new Restart("alpha"), CancellationToken.None);
        Assert.Equal("restarted alpha", restarted.Message);

        var stopped = await _handler.HandleAsync(new Stop("all"), CancellationToken.None);
        Assert.True(stopped.Ok);
        Assert.All(_programs.Statuses(), s => Assert.True(s.StoppedByOperator));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("gamma")]
    [InlineData("")]
    public async Task A_target_that_names_nothing_is_a_usage_error_that_lists_what_exists(string target)
    {
        var result = await _handler.HandleAsync(new Restart(target), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.True(result.Usage);
        Assert.Contains(target == "" ? "restart needs a program" : "known: alpha, beta, bots, all", result.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Logs_come_from_the_program_s_file_within_bounds()
    {
        await using (var log = new LogWatcher(Path.Combine(_sandbox.LogDir, "alpha.out.log")))
        {
            await _handler.HandleAsync(new Start("alpha"), CancellationToken.None);
            await log.WaitForAsync("started");
        }

        var logs = await _handler.HandleAsync(new Logs("alpha", 5), CancellationToken.None);
        var unknown = await _handler.HandleAsync(new Logs("gamma"), CancellationToken.None);
        var negative = await _handler.HandleAsync(new Logs("alpha", -1), CancellationToken.None);

        Assert.True(logs.Ok);
        Assert.Contains(logs.Lines!, l => l.StartsWith("started ", StringComparison.Ordinal));
        Assert.EndsWith("alpha.out.log", logs.Message, StringComparison.Ordinal);
        Assert.True(unknown.Usage);
        Assert.True(negative.Usage);
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_names_the_autostart_programs_that_do_not_run()
    {
        var health = await _handler.HandleAsync(new SupervisorCommand.Health(), CancellationToken.None);

        Assert.False(health.Ok);
        Assert.Equal("2 problem(s)", health.Message);
        Assert.Contains(health.Problems!, p => p.StartsWith("alpha: STOPPED", StringComparison.Ordinal));
    }
}
