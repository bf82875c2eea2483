using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

/// <summary>A temporary repo-like folder with <c>config/moneybot.yaml</c>; deleted on dispose.</summary>
public sealed class ConfigFixture : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    public ConfigFixture() => Root = Directory.CreateTempSubdirectory("moneybot-config-").FullName;

    /// <summary>The temporary folder: the default base directory.</summary>
    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "config", "moneybot.yaml");

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="relativePath"/> under <see cref="Root"/> and returns its full
    /// path.
    /// </summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Writes the config file and loads it with <paramref name="environment"/> as the process environment.
    /// </summary>
    public ConfigLoadResult Load(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        Write("config/moneybot.yaml", yaml);
        return new ConfigLoader(environment ?? NoEnvironment).Load(ConfigPath);
    }

    /// <summary>Loads and asserts success.</summary>
    public SupervisorConfig LoadValid(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Load(yaml, environment);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Config!;
    }

    /// <summary>Loads and asserts failure; the errors as <c>line:column path: message</c> strings.</summary>
    public IReadOnlyList<ConfigError> LoadInvalid(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Load(yaml, environment);
        Assert.Null(result.Config);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
