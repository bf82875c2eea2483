using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

/// <summary>
/// Another local user runs the CLI against a daemon they may not talk to: every verb says "permission denied" and
/// whose the run directory is, never "not running", never a stack trace.
/// </summary>
public sealed class OtherUserTests : IAsyncLifetime, IDisposable
{
    private const string OtherUser = "mbtest-other";
    private readonly Sandbox _sandbox = new();
    private string _config = "";

    public async Task InitializeAsync()
    {
        _config = _sandbox.WriteConfig(
            Sandbox.ProgramsYaml("  start_secs: 0\n  logs: { timestamps: false }", ("alpha", "--print-every, 60000"))
        );
        if (Environment.UserName != "root")
        {
            return;
        }

        // The other user must be able to reach the config (not the run directory, which the daemon keeps 0700).
        File.SetUnixFileMode(_sandbox.Root, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(_sandbox.Combine("config"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(_config, (UnixFileMode)0b110_100_100);
        if ((await ChildCommand.RunAsync("id", ["-u", OtherUser])).ExitCode != 0)
        {
            var add = await ChildCommand.RunAsync(
                "useradd",
                ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OtherUser]
            );
            Assert.True(add.ExitCode == 0 || add.Error.Contains("already exists"), add.ToString());
        }
    }

    [AsRootFact("creates a second user and runs the CLI as that user")]
    public async Task Every_verb_of_another_user_says_permission_denied_and_whose_the_run_directory_is()
    {
        var up = await CliRunner.RunAsync("up", "-c", _config);
        Assert.True(up.ExitCode == 0, up.ToString());
        var runDir = _sandbox.Combine("run");

        foreach (var verb in new[] { "status", "up", "down", "stop alpha", "reload", "health" })
        {
            var outcome = await ChildCommand.RunAsync(
                "runuser",
                ["-u", OtherUser, "--", CliRunner.Path, .. verb.Split(' '), "-c", _config],
                new Dictionary<string, string?> { ["MONEYBOT_CONFIG"] = null, ["NO_COLOR"] = "1" }
            );

            Assert.True(outcome.ExitCode == 1, $"{verb}: {outcome}");
            Assert.Contains(
                $"permission denied: {runDir} belongs to root (you are {OtherUser})",
                outcome.Error,
                StringComparison.Ordinal
            );
            Assert.DoesNotContain("not running", outcome.Output + outcome.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        }

        var status = await CliRunner.RunAsync("status", "-c", _config);
        Assert.Matches(@"alpha\s+RUNNING", status.Output); // the daemon was not disturbed
    }

    public async Task DisposeAsync() => await CliRunner.RunAsync("down", "-c", _config);

    public void Dispose() => _sandbox.Dispose();
}
