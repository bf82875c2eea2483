using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>Dependency helpers over a validated (acyclic) set of programs.</summary>
public static class DependencyOrder
{
    /// <summary><paramref name="names"/> plus everything they depend on, transitively.</summary>
    public static IReadOnlySet<string> WithDependencies(
        IEnumerable<string> names,
        IReadOnlyDictionary<string, ProgramConfig> programs
    )
    {
        var result = new HashSet<string>();
        var pending = new Stack<string>(names);
        while (pending.TryPop(out var name))
        {
            if (result.Add(name) && programs.TryGetValue(name, out var program))
            {
                foreach (var dependency in program.DependsOn)
                {
                    pending.Push(dependency);
                }
            }
        }

        return result;
    }

    /// <summary>The programs in <paramref name="subset"/> that depend directly on <paramref name="name"/>.</summary>
    public static IEnumerable<string> DependentsOf(string name, IEnumerable<ProgramConfig> subset) =>
        subset.Where(p => p.DependsOn.Contains(name)).Select(p => p.Name);
}
