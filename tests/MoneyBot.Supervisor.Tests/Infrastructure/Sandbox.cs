using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>
/// A temporary project root for one test: <c>config/</c> for YAML, <c>run/</c> and <c>logs/</c> beside it.
/// Short paths, since a Unix socket path must stay under 108 bytes.
/// </summary>
public sealed class Sandbox : IDisposable
{
    private readonly TempDirectory _root = new("mb-");

    public Sandbox() => Directory.CreateDirectory(Combine("config"));

    public string Root => _root.Path;

    public string LogDir => Combine("logs");

    public string Combine(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Writes <c>config/&lt;name&gt;</c> and returns its path.</summary>
    public string WriteConfig(string yaml, string name = "moneybot.yaml")
    {
        var path = Combine("config/" + name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Writes and loads a config that must be valid.</summary>
    public SupervisorConfig LoadConfig(string yaml, string name = "moneybot.yaml")
    {
        var result = new ConfigLoader(new Dictionary<string, string>()).Load(WriteConfig(yaml, name));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }

    /// <summary>YAML for programs that run testprog: name -> its arguments (as YAML flow list items).</summary>
    public static string ProgramsYaml(string defaults, params (string Name, string Args)[] programs) =>
        "defaults:\n"
        + defaults
        + "\nprograms:\n"
        + string.Concat(programs.Select(p => $"  {p.Name}:\n    command: {TestPrograms.Path}\n    args: [{p.Args}]\n"));

    public void Dispose() => _root.Dispose();
}
