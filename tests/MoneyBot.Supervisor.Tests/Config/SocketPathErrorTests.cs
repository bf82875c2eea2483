namespace MoneyBot.Supervisor.Tests.Config;

/// <summary>Socket paths that a Unix socket cannot hold are configuration errors, not a daemon that dies.</summary>
public sealed class SocketPathErrorTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_run_dir_too_long_for_the_control_socket_is_named_with_its_position()
    {
        var runDir = "/var/run/" + new string('r', 100);
        var errors = _fixture.LoadInvalid(
            $"""
            supervisor:
              run_dir: {runDir}
            programs:
              a: {"{"} command: a {"}"}
            """
        );

        ConfigAssert.Single(
            errors,
            2,
            12,
            "supervisor.run_dir",
            $"'{runDir}' is too long for the control socket: '{runDir}/moneybot.sock' would be 123 bytes, "
                + "a Unix socket path holds at most 107; choose a shorter run_dir"
        );
    }

    [Fact]
    public void A_program_whose_notify_socket_would_not_fit_is_named()
    {
        var runDir = "/run/" + new string('r', 60); // control socket fits: 79 bytes
        var name = new string('n', 30);
        var errors = _fixture.LoadInvalid(
            $"""
            supervisor:
              run_dir: {runDir}
            programs:
              short: {"{"} command: a {"}"}
              {name}: {"{"} command: b {"}"}
            """
        );

        ConfigAssert.Single(
            errors,
            5,
            3,
            $"programs.{name}",
            $"the notify socket '{runDir}/notify/{name}.sock' would be 108 bytes, a Unix socket path holds at most "
                + "107; choose a shorter program name or run_dir"
        );
    }

    [Fact]
    public void Paths_that_fit_exactly_load()
    {
        var runDir = "/run/" + new string('r', 60);
        var name = new string('n', 29); // 107 bytes: the most that fits

        var config = _fixture.LoadValid($"supervisor:\n  run_dir: {runDir}\nprograms:\n  {name}: {{ command: b }}\n");

        Assert.Equal(name, Assert.Single(config.Programs).Name);
    }
}
