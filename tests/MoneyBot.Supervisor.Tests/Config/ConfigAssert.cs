using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

/// <summary>Assertions with readable failure output for configuration results.</summary>
internal static class ConfigAssert
{
    /// <summary>
    /// Asserts the one error at <paramref name="line"/>:<paramref name="column"/> with <paramref name="path"/> whose
    /// message contains <paramref name="message"/>.
    /// </summary>
    public static ConfigError Single(
        IReadOnlyList<ConfigError> errors,
        int line,
        int column,
        string path,
        string message
    )
    {
        var error = Assert.Single(errors);
        AssertError(error, line, column, path, message);
        return error;
    }

    public static void AssertError(ConfigError error, int line, int column, string path, string message)
    {
        Assert.Equal((line, column, path), (error.Line, error.Column, error.YamlPath));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Compares two programs' settings field by field, lists by content.</summary>
    public static void SameProgram(ProgramConfig expected, ProgramConfig actual)
    {
        Assert.Equal(expected.Args, actual.Args);
        Assert.Equal(expected.DependsOn, actual.DependsOn);
        Assert.Equal(expected.ExitCodes, actual.ExitCodes);
        Assert.Equal(
            expected.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal),
            actual.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal)
        );
        Assert.Equal(
            expected.EnvironmentSource.OrderBy(kv => kv.Key, StringComparer.Ordinal),
            actual.EnvironmentSource.OrderBy(kv => kv.Key, StringComparer.Ordinal)
        );
        Assert.Equal(WithoutCollections(expected), WithoutCollections(actual));
        Assert.True(expected.HasSameSettingsAs(actual));
    }

    private static readonly Dictionary<string, string> EmptyEnvironment = [];

    private static ProgramConfig WithoutCollections(ProgramConfig p) =>
        p with
        {
            Args = [],
            DependsOn = [],
            ExitCodes = [],
            Environment = EmptyEnvironment,
            EnvironmentSource = EmptyEnvironment,
        };
}
