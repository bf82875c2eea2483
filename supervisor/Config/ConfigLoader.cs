using System.Collections;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Loads and validates the supervisor's YAML file: expands <c>${VAR}</c> references, applies
/// <c>defaults:</c>, resolves paths, and reports every problem at once with its position.
/// </summary>
public sealed class ConfigLoader
{
    private static readonly IReadOnlyList<string> SectionKeys = ["supervisor", "defaults", "programs", "telegram"];

    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <summary>
    /// Creates a loader that expands variables from <paramref name="environment"/> (a snapshot of the process
    /// environment).
    /// </summary>
    public ConfigLoader(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
    }

    /// <summary>A loader over the current process environment.</summary>
    public static ConfigLoader FromProcessEnvironment()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            snapshot[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return new ConfigLoader(snapshot);
    }

    /// <summary>
    /// Reads and validates the file at <paramref name="path"/>; a missing or unreadable file is one error at 1:1.
    /// </summary>
    public ConfigLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(path, "configuration file not found; create it or give the path of an existing one");
        }
        catch (Exception ex)
            when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(path, $"cannot read the configuration file: {ex.Message}");
        }

        return LoadText(text, path);
    }

    /// <summary>
    /// Validates <paramref name="yaml"/> as if read from <paramref name="path"/> (used in messages and to resolve
    /// relative paths).
    /// </summary>
    public ConfigLoadResult LoadText(string yaml, string path)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(path);
        var diagnostics = new ConfigDiagnostics(path);
        var root = YamlTreeBuilder.Build(yaml, diagnostics);
        if (root is null && diagnostics.HasErrors)
        {
            return new ConfigLoadResult(null, diagnostics.Sorted());
        }

        var expander = new VariableExpander(_environment);
        var reader = new NodeReader(diagnostics, expander);
        var empty = new YamlScalar(1, 1, string.Empty, IsPlain: true);
        var sections = reader
            .Fields(root ?? empty, string.Empty, SectionKeys)
            .ToDictionary(f => f.Key, StringComparer.Ordinal);
        YamlNode Section(string key) => sections.TryGetValue(key, out var field) ? field.Value : empty;

        var sourcePath = Path.GetFullPath(path);
        var configDirectory = Path.GetDirectoryName(sourcePath) ?? sourcePath;
        var daemonReader = new DaemonSettingsReader(reader, expander);
        var daemon = daemonReader.Read(Section("supervisor"), configDirectory);

        var settings = new ProgramSettingsReader(reader);
        var defaults = ProgramSettingsReader.BuiltIn(daemon.BaseDirectory);
        foreach (var field in reader.Fields(Section("defaults"), "defaults", ProgramSettingsReader.Keys))
        {
            defaults = settings.Apply(defaults, field);
        }

        var programReader = new ProgramReader(reader, settings, daemon.BaseDirectory);
        var programs = reader
            .Fields(Section("programs"), "programs", known: null)
            .Select(program => programReader.Read(program, defaults))
            .ToList();
        DependencyValidator.Validate(programs, diagnostics);
        SocketPathValidator.Validate(daemon, daemonReader.RunDirNode ?? empty, programs, diagnostics);

        var telegram = new TelegramSettingsReader(reader, expander).Read(
            sections.TryGetValue("telegram", out var telegramSection) ? telegramSection : null
        );

        return diagnostics.HasErrors
            ? new ConfigLoadResult(null, diagnostics.Sorted())
            : new ConfigLoadResult(
                new SupervisorConfig(
                    sourcePath,
                    daemon,
                    [.. programs.Select(p => p.Config)],
                    Secrets(expander, telegram)
                )
                {
                    Telegram = telegram,
                    Variables = [.. expander.Names],
                },
                []
            );
    }

    /// <summary>Secret-looking variables' values, and the Telegram token whatever its variable is called.</summary>
    private static List<string> Secrets(VariableExpander expander, TelegramSettings telegram)
    {
        var secrets = expander.Secrets.ToList();
        if (telegram.Token is { Length: > 0 } token && !secrets.Contains(token))
        {
            secrets.Add(token);
        }

        return secrets;
    }

    private static ConfigLoadResult Failed(string path, string message) =>
        new(null, [new ConfigError(path, 1, 1, string.Empty, message)]);
}
