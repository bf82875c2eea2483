using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

/// <summary><c>resources:</c> (memory and cpu, for the exports): values, inheritance, errors.</summary>
public sealed class ResourceConfigTests
{
    [Fact]
    public void A_program_inherits_the_defaults_resources_key_by_key()
    {
        var config = Load(
            """
            defaults: { resources: { memory: 256MB, cpu: 100m } }
            programs:
              a: { command: /bin/a }
              b: { command: /bin/b, resources: { cpu: 1.5 } }
            """
        );

        Assert.Equal(new ResourceSettings(256L << 20, 100), config.Find("a")!.Resources);
        Assert.Equal(new ResourceSettings(256L << 20, 1500), config.Find("b")!.Resources);
    }

    [Fact]
    public void No_resources_is_nothing_said()
    {
        Assert.True(Load("programs:\n  a: { command: /bin/a }\n").Find("a")!.Resources.IsEmpty);
    }

    [Theory]
    [InlineData("cpu: 0", 3, 42, "programs.a.resources.cpu", "expected a CPU amount")]
    [InlineData("cpu: 0.0001", 3, 42, "programs.a.resources.cpu", "found '0.0001'")]
    [InlineData("cpu: two", 3, 42, "programs.a.resources.cpu", "found 'two'")]
    [InlineData("memory: 0", 3, 45, "programs.a.resources.memory", "must be greater than 0")]
    [InlineData("memory: lots", 3, 45, "programs.a.resources.memory", "expected a size such as 512KB")]
    [InlineData("gpu: 1", 3, 37, "programs.a.resources.gpu", "unknown key 'gpu'")]
    public void A_bad_value_is_an_error_at_its_position(
        string setting,
        int line,
        int column,
        string path,
        string message
    )
    {
        var result = new ConfigLoader(new Dictionary<string, string>()).LoadText(
            $"programs:\n  a:\n    {{ command: /bin/a, resources: {{ {setting} }} }}\n",
            "/srv/mb/config/moneybot.yaml"
        );

        ConfigAssert.Single(result.Errors, line, column, path, message);
    }

    [Fact]
    public void A_resources_change_alone_does_not_restart_a_program_on_reload()
    {
        var before = Load("programs:\n  a: { command: /bin/a, resources: { memory: 1GB } }\n").Find("a")!;
        var after = Load("programs:\n  a: { command: /bin/a, resources: { memory: 2GB } }\n").Find("a")!;

        Assert.True(before.HasSameSettingsAs(after));
    }

    private static SupervisorConfig Load(string yaml)
    {
        var result = new ConfigLoader(new Dictionary<string, string>()).LoadText(yaml, "/srv/mb/config/moneybot.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }
}
