using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

/// <summary><c>down</c> while <c>up</c> is still starting programs: the start chain ends at once.</summary>
public sealed class DownDuringUpTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Fact(Timeout = 120_000)]
    public async Task Down_while_up_waits_for_a_ready_ends_the_chain_and_nothing_more_is_spawned()
    {
        // "slow" never sends READY=1 (two minutes allowed); "after" would start once it did.
        var config = _sandbox.WriteConfig(
            "defaults:\n  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }\nprograms:\n"
                + $"  slow:\n    command: {TestPrograms.Path}\n    ready: notify\n    ready_timeout: 2m\n"
                + $"  after:\n    command: {TestPrograms.Path}\n    depends_on: [slow]\n"
        );
        var runDir = _sandbox.Combine("run");
        var up = CliRunner.RunAsync("up", "-c", config);
        using (var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!ProcessTable.FindMarked(runDir).Any(p => p.Program == "slow"))
            {
                await Task.Delay(20, waiting.Token); // a foreign process appearing has no notification: poll /proc
            }
        }

        var down = await CliRunner.RunAsync("down", "-c", config);
        var upOutcome = await up;

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Empty(ProcessTable.FindMarked(runDir));
        Assert.DoesNotContain("after: spawned", await File.ReadAllTextAsync(_sandbox.Combine("logs/supervisor.log")));
        Assert.NotEqual(0, upOutcome.ExitCode); // it reports that not everything started
    }

    public void Dispose()
    {
        foreach (var leftover in ProcessTable.FindMarked(_sandbox.Combine("run")))
        {
            ProcessProbe.KillQuietly(leftover.Pid);
        }

        _sandbox.Dispose();
    }
}
