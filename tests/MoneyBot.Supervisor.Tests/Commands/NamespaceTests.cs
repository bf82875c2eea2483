using System.Text.RegularExpressions;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.TestSupport;

namespace MoneyBot.Supervisor.Tests.Commands;

/// <summary>
/// The supervisor's namespaces depend on each other without cycles: the daemon (the composition root) may use
/// everything, the admin bot and the command handler never the daemon. Read from the sources: every
/// <c>using MoneyBot.Supervisor.X</c>, and every <c>X.Type</c> or <c>MoneyBot.Supervisor.X.Type</c> that names a
/// type the assembly has in namespace X.
/// </summary>
public sealed partial class NamespaceTests
{
    private const string Prefix = "MoneyBot.Supervisor.";

    [Fact]
    public void The_namespaces_form_no_cycle()
    {
        var graph = Graph();

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_composition_root_uses_what_it_composes() =>
        Assert.Superset(new HashSet<string> { "Commands", "Control", "Telegram", "Supervision" }, Graph()["Daemon"]);

    [Theory]
    [InlineData("Telegram", "Daemon")]
    [InlineData("Telegram", "Control")]
    [InlineData("Commands", "Daemon")]
    [InlineData("Commands", "Telegram")]
    [InlineData("Commands", "Control")]
    [InlineData("Control", "Cli")]
    [InlineData("Supervision", "Daemon")]
    public void A_namespace_does_not_reach_into_what_is_built_on_it(string from, string to) =>
        Assert.DoesNotContain(to, Graph().GetValueOrDefault(from) ?? []);

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var types = typeof(SupervisorDaemon)
            .Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith(Prefix, StringComparison.Ordinal) == true && !t.IsNested)
            .Select(t => (Namespace: t.Namespace![Prefix.Length..].Split('.')[0], Name: t.Name.Split('`')[0]))
            .ToHashSet();
        var namespaces = types.Select(t => t.Namespace).ToHashSet();
        var graph = namespaces.ToDictionary(n => n, _ => new HashSet<string>());
        var source = Path.Combine(RepositoryLayout.Root, "supervisor");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (
                relative.StartsWith("obj", StringComparison.Ordinal)
                || relative.StartsWith("bin", StringComparison.Ordinal)
            )
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (FileNamespace().Match(text) is not { Success: true } declared)
            {
                continue;
            }

            var from = declared.Groups[1].Value;
            var used = Usings()
                .Matches(text)
                .Select(m => m.Groups[1].Value)
                .Concat(
                    QualifiedNames()
                        .Matches(text)
                        .Where(m => types.Contains((m.Groups[1].Value, m.Groups[2].Value)))
                        .Select(m => m.Groups[1].Value)
                );
            foreach (var to in used.Where(n => n != from && namespaces.Contains(n)))
            {
                graph[from].Add(to);
            }
        }

        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            if (path.IndexOf(node) is var at and >= 0)
            {
                return [.. path[at..], node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in graph[node].Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    [GeneratedRegex(@"^namespace MoneyBot\.Supervisor\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using (?:static )?MoneyBot\.Supervisor\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Usings();

    [GeneratedRegex(@"(?<![\w.])(?:MoneyBot\.Supervisor\.)?(\w+)\.(\w+)")]
    private static partial Regex QualifiedNames();
}
