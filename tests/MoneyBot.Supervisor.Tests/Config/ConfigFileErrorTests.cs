using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class ConfigFileErrorTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Yaml_syntax_error_is_reported_at_its_position()
    {
        var errors = _fixture.LoadInvalid("programs:\n  bot:\n    args: [a, b]\n   command: x\n");

        var error = Assert.Single(errors);
        Assert.Equal((4, 4, string.Empty), (error.Line, error.Column, error.YamlPath));
        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: b: c\n", 1, 5)]
    [InlineData("programs:\n  bot:\n  \targs: []\n", 3, 3)]
    [InlineData("programs: [a, b\n", 2, 1)]
    [InlineData("args: 'open\n", 1, 7)]
    [InlineData("programs:\n  bot: { command: x\n  other: 1\n", 2, 17)]
    public void Malformed_yaml_gives_one_positioned_error(string yaml, int line, int column)
    {
        var errors = _fixture.LoadInvalid(yaml);

        var error = Assert.Single(errors);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_alias_and_second_document_are_reported()
    {
        var errors = _fixture.LoadInvalid("programs:\n  bot: { command: b, args: *nope }\n---\nmore: 1\n");

        Assert.Equal(2, errors.Count);
        ConfigAssert.AssertError(errors[0], 2, 28, "programs.bot.args", "unknown alias '*nope'");
        ConfigAssert.AssertError(errors[1], 3, 1, string.Empty, "only one YAML document is allowed");
    }

    [Fact]
    public void Root_that_is_not_a_mapping_is_reported()
    {
        var errors = _fixture.LoadInvalid("- a\n- b\n");

        ConfigAssert.Single(errors, 1, 1, string.Empty, "expected a mapping (key: value), found a list");
    }

    [Fact]
    public void Non_scalar_key_is_reported()
    {
        var errors = _fixture.LoadInvalid("programs:\n  ? [a, b]\n  : { command: x }\n");

        ConfigAssert.Single(errors, 2, 5, "programs", "a key must be a plain value, found a list");
    }

    [Fact]
    public void Missing_file_is_one_error_at_the_start()
    {
        var path = Path.Combine(_fixture.Root, "config", "absent.yaml");

        var result = new ConfigLoader(new Dictionary<string, string>()).Load(path);

        Assert.Null(result.Config);
        Assert.False(result.IsValid);
        ConfigAssert.Single(result.Errors, 1, 1, string.Empty, "configuration file not found");
        Assert.Equal(path, result.Errors[0].File);
    }

    [Fact]
    public void Unreadable_path_is_one_error_at_the_start()
    {
        var result = new ConfigLoader(new Dictionary<string, string>()).Load(_fixture.Root);

        ConfigAssert.Single(result.Errors, 1, 1, string.Empty, "cannot read the configuration file");
    }

    [Fact]
    public void Errors_carry_the_path_as_given_and_print_as_file_line_column_path_message()
    {
        var result = new ConfigLoader(new Dictionary<string, string>()).LoadText(
            "programs:\n  bot: { comand: x }\n",
            "config/moneybot.yaml"
        );

        Assert.Equal(
            [
                "config/moneybot.yaml:2:3: programs.bot: missing 'command' (the executable to run)",
                "config/moneybot.yaml:2:10: programs.bot.comand: unknown key 'comand'; did you mean 'command'?",
            ],
            result.Errors.Select(e => e.ToString())
        );
    }
}
