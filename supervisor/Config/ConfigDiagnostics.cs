namespace MoneyBot.Supervisor.Config;

/// <summary>Collects every problem found while loading one file, so all of them are reported at once.</summary>
internal sealed class ConfigDiagnostics(string file)
{
    private readonly List<ConfigError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    /// <summary>A problem at <paramref name="node"/>'s position.</summary>
    public void Add(YamlNode node, string yamlPath, string message) => Add(node.Line, node.Column, yamlPath, message);

    /// <summary>A problem at an explicit position of the configuration file.</summary>
    public void Add(int line, int column, string yamlPath, string message) =>
        _errors.Add(new ConfigError(file, line, column, yamlPath, message));

    /// <summary>A problem in another file read because of the configuration (the env file).</summary>
    public void AddInFile(string otherFile, int line, string message) =>
        _errors.Add(new ConfigError(otherFile, line, 1, string.Empty, message));

    /// <summary>The configuration file's errors by position, then those of other files.</summary>
    public IReadOnlyList<ConfigError> Sorted() =>
        [
            .. _errors
                .OrderBy(e => e.File == file ? 0 : 1)
                .ThenBy(e => e.File, StringComparer.Ordinal)
                .ThenBy(e => e.Line)
                .ThenBy(e => e.Column),
        ];

    /// <summary>Joins a child key onto a dotted YAML path.</summary>
    public static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>Appends a list index to a YAML path.</summary>
    public static string Item(string path, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}[{index}]");
}
