namespace MoneyBot.Supervisor.Config;

/// <summary>Checks <c>depends_on</c>: known names, no self-dependency, no repeats, no cycles (each named).</summary>
internal static class DependencyValidator
{
    public static void Validate(IReadOnlyList<ProgramDraft> programs, ConfigDiagnostics diagnostics)
    {
        var byName = new Dictionary<string, ProgramDraft>(StringComparer.Ordinal);
        foreach (var program in programs)
        {
            byName.TryAdd(program.Config.Name, program);
        }

        var edges = new Dictionary<string, List<Dependency>>(StringComparer.Ordinal);
        foreach (var program in programs)
        {
            var name = program.Config.Name;
            var valid = new List<Dependency>();
            foreach (var dependency in program.Dependencies)
            {
                if (dependency.Name == name)
                {
                    diagnostics.Add(dependency.Node, dependency.Path, $"program '{name}' depends on itself");
                }
                else if (!byName.ContainsKey(dependency.Name))
                {
                    diagnostics.Add(
                        dependency.Node,
                        dependency.Path,
                        $"unknown program '{dependency.Raw}' in "
                            + $"depends_on{KeyMatcher.DidYouMean(dependency.Raw, byName.Keys)}"
                    );
                }
                else if (valid.Exists(d => d.Name == dependency.Name))
                {
                    diagnostics.Add(
                        dependency.Node,
                        dependency.Path,
                        $"'{dependency.Raw}' is listed twice in depends_on"
                    );
                }
                else
                {
                    valid.Add(dependency);
                }
            }

            edges[name] = valid;
        }

        new CycleFinder(edges, diagnostics).Run(programs.Select(p => p.Config.Name));
    }

    /// <summary>Depth-first search; a dependency on a program still on the path closes a cycle.</summary>
    private sealed class CycleFinder(Dictionary<string, List<Dependency>> edges, ConfigDiagnostics diagnostics)
    {
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);
        private readonly List<string> _path = [];

        public void Run(IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                Visit(name);
            }
        }

        private void Visit(string name)
        {
            if (_done.Contains(name))
            {
                return;
            }

            _path.Add(name);
            foreach (var dependency in edges[name])
            {
                var index = _path.IndexOf(dependency.Name);
                if (index >= 0)
                {
                    var cycle = string.Join(" -> ", _path.Skip(index).Append(dependency.Name));
                    diagnostics.Add(dependency.Node, dependency.Path, $"dependency cycle: {cycle}");
                }
                else
                {
                    Visit(dependency.Name);
                }
            }

            _path.RemoveAt(_path.Count - 1);
            _done.Add(name);
        }
    }
}
