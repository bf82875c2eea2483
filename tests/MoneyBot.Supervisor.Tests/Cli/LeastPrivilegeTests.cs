using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

/// <summary>
/// A program sees its own declared environment and a small base, never the rest of the daemon's (another bot's
/// token); files the daemon and its programs create are closed to other users; an env file others may read is
/// warned about.
/// </summary>
public sealed class LeastPrivilegeTests : IAsyncLifetime, IDisposable
{
    private const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode Mode0750 =
        UnixFileMode.UserRead
        | UnixFileMode.UserWrite
        | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead
        | UnixFileMode.GroupExecute;

    private readonly Sandbox _sandbox = new();
    private string _config = "";

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_sandbox.Combine("data"));
        _config = _sandbox.WriteConfig(
            "defaults:\n  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }\nprograms:\n"
                + $"  alpha:\n    command: {TestPrograms.Path}\n"
                + "    args: [--env, OTHER_BOT_TOKEN, --env, UNRELATED, --env, DECLARED, --env, HOME, --env, "
                + "MONEYBOT_PROGRAM, --pid-file, data/alpha.pid, --print-every, 60000]\n"
                + "    env: { DECLARED: \"${UNRELATED:-}\" }\n"
        );
        return Task.CompletedTask;
    }

    [Fact(Timeout = 120_000)]
    public async Task A_program_gets_its_declared_variables_and_the_base_but_no_other_secret_of_the_daemon()
    {
        // watching from before the start: the line may be written before `up` returns
        await using (var log = new LogWatcher(ProgramLogs.OutPath(_sandbox.LogDir, "alpha")))
        {
            var up = await ChildCommand.RunAsync(
                CliRunner.Path,
                ["up", "-c", _config],
                new Dictionary<string, string?>
                {
                    ["MONEYBOT_CONFIG"] = null,
                    ["NO_COLOR"] = "1",
                    ["OTHER_BOT_TOKEN"] = "123456789:secret-of-another-bot",
                    ["UNRELATED"] = "declared-value",
                }
            );
            Assert.True(up.ExitCode == 0, up.ToString());
            await log.WaitForAsync("env MONEYBOT_PROGRAM=");
        }

        var lines = await File.ReadAllLinesAsync(ProgramLogs.OutPath(_sandbox.LogDir, "alpha"));
        Assert.Contains("env OTHER_BOT_TOKEN=", lines);
        Assert.Contains("env UNRELATED=", lines);
        Assert.Contains("env DECLARED=declared-value", lines);
        Assert.Contains("env MONEYBOT_PROGRAM=alpha", lines);
        Assert.Contains($"env HOME={Environment.GetEnvironmentVariable("HOME")}", lines);
    }

    [Fact(Timeout = 120_000)]
    public async Task Logs_and_the_files_programs_create_are_closed_to_other_users()
    {
        Directory.CreateDirectory(_sandbox.LogDir); // as a checkout leaves it: open to everyone
        File.SetUnixFileMode(_sandbox.LogDir, Mode0750 | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await using (var log = new LogWatcher(ProgramLogs.OutPath(_sandbox.LogDir, "alpha")))
        {
            var up = await CliRunner.RunAsync("up", "-c", _config);
            Assert.True(up.ExitCode == 0, up.ToString());
            await log.WaitForAsync("started "); // written after its pid file
        }

        Assert.Equal(Mode0750, File.GetUnixFileMode(_sandbox.LogDir));
        Assert.Equal(Mode0640, File.GetUnixFileMode(ProgramLogs.OutPath(_sandbox.LogDir, "alpha")));
        Assert.Equal(Mode0640, File.GetUnixFileMode(Path.Combine(_sandbox.LogDir, "supervisor.log")));
        Assert.Equal(Mode0640, File.GetUnixFileMode(_sandbox.Combine("data/alpha.pid")));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_env_file_other_users_can_read_is_warned_about_until_it_is_private()
    {
        var envFile = _sandbox.Combine("config/.env");
        await File.WriteAllTextAsync(envFile, "UNRELATED=from-the-file\n");
        File.SetUnixFileMode(envFile, Mode0640 | UnixFileMode.OtherRead);

        var open = await CliRunner.RunAsync("config", "check", _config);
        File.SetUnixFileMode(envFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var closed = await CliRunner.RunAsync("config", "check", _config);

        Assert.Equal(0, open.ExitCode);
        Assert.Contains($"{envFile} is open to every user (mode 0644)", open.Error, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {envFile}", open.Error, StringComparison.Ordinal);
        Assert.True(closed.ExitCode == 0 && closed.Error.Length == 0, closed.ToString());
    }

    public async Task DisposeAsync()
    {
        await CliRunner.RunAsync("down", "-c", _config);
        _sandbox.Dispose();
    }

    public void Dispose() => _sandbox.Dispose();
}
