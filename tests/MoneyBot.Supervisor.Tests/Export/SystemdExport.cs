using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Export;
using MoneyBot.TestSupport;

namespace MoneyBot.Supervisor.Tests.Export;

/// <summary>Loads YAML as if it were a file at a fixed path and exports it, for the export tests.</summary>
internal static class SystemdExport
{
    /// <summary>Where the configs are said to be: stable paths in the goldens, whatever the checkout.</summary>
    public const string ConfigDirectory = "/srv/moneybot/config";

    /// <summary>The shipped config <paramref name="name"/> (<c>moneybot.yaml</c>, <c>live.yaml</c>) as text.</summary>
    public static string Shipped(string name) => File.ReadAllText(Path.Combine(RepositoryLayout.Root, "config", name));

    /// <summary>
    /// Loads <paramref name="yaml"/> as <c>/srv/moneybot/config/&lt;name&gt;</c> (or <paramref name="path"/>) with
    /// <paramref name="environment"/> as the process environment; asserts it is valid.
    /// </summary>
    public static SupervisorConfig Load(
        string yaml,
        IReadOnlyDictionary<string, string>? environment = null,
        string? path = null
    )
    {
        var result = new ConfigLoader(environment ?? new Dictionary<string, string>()).LoadText(
            yaml,
            path ?? Path.Combine(ConfigDirectory, "moneybot.yaml")
        );
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }

    /// <summary>Every unit as <c>export systemd --out -</c> prints them.</summary>
    public static string AllText(IReadOnlyList<SystemdUnit> units) =>
        string.Concat(units.Select(u => $"# file: {u.FileName}\n{u.Text}\n"));

    /// <summary>The text of the unit named <paramref name="fileName"/>.</summary>
    public static string Unit(IReadOnlyList<SystemdUnit> units, string fileName) =>
        units.SingleOrDefault(u => u.FileName == fileName)?.Text
        ?? throw new Xunit.Sdk.XunitException(
            $"no {fileName} among {string.Join(", ", units.Select(u => u.FileName))}"
        );

    /// <summary>The lines of <paramref name="fileName"/> that are not comments, in order.</summary>
    public static IReadOnlyList<string> Settings(IReadOnlyList<SystemdUnit> units, string fileName) =>
        [.. Unit(units, fileName).Split('\n').Where(l => l.Length > 0 && l[0] != '#')];
}
