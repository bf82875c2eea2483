using System.Text.RegularExpressions;

namespace MoneyBot.Supervisor.Config;

/// <summary>A program as read, with where its name and dependencies are written (for later checks).</summary>
internal sealed record ProgramDraft(ProgramConfig Config, YamlField Field, IReadOnlyList<Dependency> Dependencies);

/// <summary>One name under a program's <c>depends_on:</c> (<paramref name="Raw"/>: as written, for messages).</summary>
internal sealed record Dependency(string Name, string Raw, YamlNode Node, string Path);

/// <summary>Reads one entry of <c>programs:</c>: its own keys over the <c>defaults:</c> settings.</summary>
internal sealed partial class ProgramReader(
    NodeReader reader,
    ProgramSettingsReader settingsReader,
    string baseDirectory
)
{
    private static readonly IReadOnlyList<string> OwnKeys = ["command", "args", "cwd", "env", "depends_on", "group"];

    /// <summary>Every key a program accepts.</summary>
    public static readonly IReadOnlyList<string> Keys = [.. OwnKeys, .. ProgramSettingsReader.Keys];

    private ConfigDiagnostics Diagnostics => reader.Diagnostics;

    public ProgramDraft Read(YamlField program, ProgramConfig defaults)
    {
        if (!ProgramName().IsMatch(program.Key))
        {
            Diagnostics.Add(
                program.KeyNode,
                program.Path,
                $"program name '{program.Key}' must start with a letter or digit and contain only letters, "
                    + $"digits, '_', '.' and '-' (it names the log files)"
            );
        }
        else if (program.Key == "all")
        {
            Diagnostics.Add(
                program.KeyNode,
                program.Path,
                "'all' is reserved (it means every program in start/stop/restart); choose another name"
            );
        }

        var config = defaults with { Name = program.Key, WorkingDirectory = baseDirectory };
        var dependencies = new List<Dependency>();
        var hasCommand = false;
        foreach (var field in reader.Fields(program.Value, program.Path, Keys))
        {
            switch (field.Key)
            {
                case "command":
                    hasCommand = true;
                    config = Command(field) is { } command ? config with { Command = command } : config;
                    break;
                case "args":
                    config = Strings(field) is { } args ? config with { Args = args } : config;
                    break;
                case "cwd":
                    config = reader.String(field.Value, field.Path) is { Length: > 0 } cwd
                        ? config with
                        {
                            WorkingDirectory = Path.GetFullPath(cwd, baseDirectory),
                        }
                        : config;
                    break;
                case "env":
                    var (environment, source) = ReadEnvironment(field);
                    config = config with { Environment = environment, EnvironmentSource = source };
                    break;
                case "depends_on":
                    dependencies.AddRange(DependsOn(field));
                    config = config with { DependsOn = [.. dependencies.Select(d => d.Name)] };
                    break;
                case "group":
                    config = config with
                    {
                        Group = reader.String(field.Value, field.Path) is { Length: > 0 } g ? g : null,
                    };
                    break;
                default:
                    config = settingsReader.Apply(config, field);
                    break;
            }
        }

        if (!hasCommand && program.Value is YamlMapping or YamlScalar { IsNull: true })
        {
            Diagnostics.Add(program.KeyNode, program.Path, "missing 'command' (the executable to run)");
        }

        return new ProgramDraft(config, program, dependencies);
    }

    private string? Command(YamlField field)
    {
        var command = reader.String(field.Value, field.Path);
        if (command is null)
        {
            return null;
        }

        if (command.Trim().Length == 0)
        {
            Diagnostics.Add(field.Value, field.Path, "'command' must not be empty");
            return null;
        }

        return command.Contains('/', StringComparison.Ordinal) ? Path.GetFullPath(command, baseDirectory) : command;
    }

    private List<string>? Strings(YamlField field)
    {
        if (reader.Items(field.Value, field.Path) is not { } items)
        {
            return null;
        }

        var values = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.String(items[i], ConfigDiagnostics.Item(field.Path, i)) is { } value)
            {
                values.Add(value);
            }
        }

        return values.Count == items.Count ? values : null;
    }

    private (Dictionary<string, string> Values, Dictionary<string, string> Source) ReadEnvironment(YamlField field)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in reader.Fields(field.Value, field.Path, known: null))
        {
            if (!EnvFile.VariableName().IsMatch(variable.Key))
            {
                Diagnostics.Add(
                    variable.KeyNode,
                    variable.Path,
                    $"'{variable.Key}' is not a valid environment variable name (letters, digits and '_', not "
                        + $"starting with a digit)"
                );
            }

            if (reader.String(variable.Value, variable.Path) is { } value)
            {
                environment[variable.Key] = value;
                source[variable.Key] = variable.Value is YamlScalar { IsNull: false } raw ? raw.Value : string.Empty;
            }
        }

        return (environment, source);
    }

    private List<Dependency> DependsOn(YamlField field)
    {
        var items = reader.Items(field.Value, field.Path) ?? [];
        var dependencies = new List<Dependency>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = ConfigDiagnostics.Item(field.Path, i);
            if (reader.String(items[i], path) is { } name)
            {
                dependencies.Add(new Dependency(name, ((YamlScalar)items[i]).Value, items[i], path));
            }
        }

        return dependencies;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ProgramName();
}
