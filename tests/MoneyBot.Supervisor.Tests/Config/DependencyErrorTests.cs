namespace MoneyBot.Supervisor.Tests.Config;

public sealed class DependencyErrorTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Unknown_dependency_is_reported_with_a_suggestion()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              exchange: { command: x }
              bot:
                command: b
                depends_on: [exchnage, nothing-like-it]
            """
        );

        Assert.Equal(2, errors.Count);
        ConfigAssert.AssertError(
            errors[0],
            5,
            18,
            "programs.bot.depends_on[0]",
            "unknown program 'exchnage' in depends_on; did you mean 'exchange'?"
        );
        ConfigAssert.AssertError(
            errors[1],
            5,
            28,
            "programs.bot.depends_on[1]",
            "unknown program 'nothing-like-it' in depends_on"
        );
    }

    [Fact]
    public void Self_dependency_and_repeated_dependency_are_reported()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              a: { command: a }
              b: { command: b, depends_on: [b, a, a] }
            """
        );

        Assert.Equal(2, errors.Count);
        ConfigAssert.AssertError(errors[0], 3, 33, "programs.b.depends_on[0]", "program 'b' depends on itself");
        ConfigAssert.AssertError(errors[1], 3, 39, "programs.b.depends_on[2]", "'a' is listed twice in depends_on");
    }

    [Fact]
    public void Dependency_cycle_is_named()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              a: { command: a, depends_on: [b] }
              b: { command: b, depends_on: [a] }
            """
        );

        ConfigAssert.Single(errors, 3, 33, "programs.b.depends_on[0]", "dependency cycle: a -> b -> a");
    }

    [Fact]
    public void Longer_cycles_and_separate_cycles_are_each_reported_once()
    {
        var errors = _fixture.LoadInvalid(
            """
            programs:
              a: { command: a, depends_on: [b] }
              b: { command: b, depends_on: [c] }
              c: { command: c, depends_on: [a] }
              ok: { command: ok, depends_on: [a] }
              x: { command: x, depends_on: [y] }
              y: { command: y, depends_on: [x] }
            """
        );

        Assert.Equal(
            ["dependency cycle: a -> b -> c -> a", "dependency cycle: x -> y -> x"],
            errors.Select(e => e.Message)
        );
        Assert.Equal([4, 7], errors.Select(e => e.Line));
    }
}
