using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Tests.Deploy;

/// <summary>
/// What the repository's <c>moneybot</c> script builds: each executable's name, project and mode (<c>aot</c> or
/// <c>r2r</c>), read from its <c>modes</c> and <c>projects</c> tables, and its publish command line.
/// </summary>
internal sealed partial class MoneyBotScript
{
    private MoneyBotScript(string text)
    {
        Text = text;
        Projects = Table(text, "projects");
        Modes = Table(text, "modes");
    }

    public static string ShippedPath { get; } = Path.Combine(RepositoryLayout.Root, "moneybot");

    public string Text { get; }

    /// <summary>Executable name to its project file (relative to the root).</summary>
    public IReadOnlyDictionary<string, string> Projects { get; }

    /// <summary>Executable name to how it ships: <c>aot</c> or <c>r2r</c>.</summary>
    public IReadOnlyDictionary<string, string> Modes { get; }

    /// <summary>The script's <c>dotnet publish</c> line, continuation included.</summary>
    public string PublishCommand =>
        PublishLine().Match(Text) is { Success: true } match
            ? match.Value
            : throw new Xunit.Sdk.XunitException("no 'dotnet publish' line in the moneybot script");

    public static MoneyBotScript Shipped() => new(File.ReadAllText(ShippedPath));

    private static Dictionary<string, string> Table(string text, string name)
    {
        var block = Regex.Match(text, $@"declare -A {name}=\((?<body>[^)]*)\)", RegexOptions.None);
        Assert.True(block.Success, $"the moneybot script has no 'declare -A {name}=(...)' table");
        return Entry()
            .Matches(block.Groups["body"].Value)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\[(?<key>[\w-]+)\]=""?(?<value>[^""\s]+)""?")]
    private static partial Regex Entry();

    [GeneratedRegex(@"dotnet publish [^\n]*\\\n[^\n]*")]
    private static partial Regex PublishLine();
}
