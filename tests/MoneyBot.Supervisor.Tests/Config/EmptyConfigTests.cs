namespace MoneyBot.Supervisor.Tests.Config;

/// <summary>
/// A file with no program loads (config check can show it), but the daemon refuses to start with it or reload to it
/// unless <c>supervisor.allow_empty: true</c> says it is meant.
/// </summary>
public sealed class EmptyConfigTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n# and another\n")]
    [InlineData("defaults:\n  restart: always\n")]
    [InlineData("programs: {}\n")]
    [InlineData("supervisor:\n  run_dir: run\nprograms:\n")]
    public void A_file_without_programs_is_refused_for_the_daemon_with_how_to_allow_it(string yaml)
    {
        var config = _fixture.LoadValid(yaml);

        Assert.Empty(config.Programs);
        Assert.NotNull(config.EmptyRefusal);
        Assert.Contains("no program is defined", config.EmptyRefusal, StringComparison.Ordinal);
        Assert.Contains("supervisor.allow_empty: true", config.EmptyRefusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_empty_accepts_a_file_without_programs()
    {
        var config = _fixture.LoadValid("supervisor:\n  allow_empty: true\nprograms: {}\n");

        Assert.True(config.Daemon.AllowEmpty);
        Assert.Null(config.EmptyRefusal);
    }

    [Fact]
    public void A_file_with_programs_is_never_refused_as_empty()
    {
        Assert.Null(_fixture.LoadValid("programs:\n  a: { command: a }\n").EmptyRefusal);
    }

    [Fact]
    public void Allow_empty_must_be_a_boolean()
    {
        var errors = _fixture.LoadInvalid("supervisor:\n  allow_empty: maybe\nprograms:\n  a: { command: a }\n");

        Assert.Contains(errors, e => e.YamlPath == "supervisor.allow_empty");
    }
}
