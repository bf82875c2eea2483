using System.Net;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// Reads <c>supervisor:</c>: first <c>base_dir</c> and <c>env_file</c> (which can only use the process
/// environment), then loads the env file, then the remaining keys (which can use both).
/// </summary>
internal sealed class DaemonSettingsReader(NodeReader reader, VariableExpander expander)
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "run_dir",
        "log_dir",
        "env_file",
        "base_dir",
        "log",
        "allow_empty",
        "metrics",
    ];

    private const string DefaultEnvFile = "config/.env";

    /// <summary>Where <c>run_dir</c> is (or the section when it is not given), once read: for errors.</summary>
    public YamlNode? RunDirNode { get; private set; }

    /// <summary>
    /// Reads the section (<paramref name="node"/> may be an empty value) of a file in <paramref
    /// name="configDirectory"/>.
    /// </summary>
    public DaemonSettings Read(YamlNode node, string configDirectory)
    {
        var fields = reader.Fields(node, "supervisor", Keys).ToDictionary(f => f.Key, StringComparer.Ordinal);
        RunDirNode = fields.TryGetValue("run_dir", out var runDirField) ? runDirField.Value : node;

        var baseDirectory = Path.GetDirectoryName(configDirectory) ?? configDirectory;
        if (fields.TryGetValue("base_dir", out var baseField) && Text(baseField) is { Length: > 0 } baseDir)
        {
            baseDirectory = Path.GetFullPath(baseDir, configDirectory);
        }

        string? envFile = Path.GetFullPath(DefaultEnvFile, baseDirectory);
        var envFileNode = node;
        if (fields.TryGetValue("env_file", out var envField))
        {
            var text = Text(envField);
            envFile = string.IsNullOrEmpty(text) ? null : Path.GetFullPath(text, baseDirectory);
            envFileNode = envField.Value;
        }

        if (envFile is not null)
        {
            expander.UseEnvFile(EnvFile.Load(envFile, reader.Diagnostics, envFileNode, "supervisor.env_file"));
        }

        var log = fields.TryGetValue("log", out var logField)
            ? new PolicyReader(reader).Logs(
                LogSettings.Default,
                logField.Value,
                logField.Path,
                PolicyReader.DaemonLogKeys
            )
            : LogSettings.Default;
        return new DaemonSettings(
            baseDirectory,
            Directory(fields, "run_dir", "run", baseDirectory),
            Directory(fields, "log_dir", "logs", baseDirectory),
            envFile,
            log,
            fields.TryGetValue("allow_empty", out var allowEmpty)
                && reader.Bool(allowEmpty.Value, allowEmpty.Path) == true,
            fields.TryGetValue("metrics", out var metrics) ? Metrics(metrics) : null
        );
    }

    private IPEndPoint? Metrics(YamlField field)
    {
        if (field.Value is YamlSequence)
        {
            // [::1]:9109 unquoted starts a YAML list
            reader.Diagnostics.Add(
                field.Value,
                field.Path,
                $"expected {MetricsAddress.Form}, found a list (put an IPv6 address in quotes: \"[::1]:9109\")"
            );
            return null;
        }

        if (Text(field) is not { } text)
        {
            return null;
        }

        var endpoint = MetricsAddress.Parse(text, out var problem);
        if (problem is not null)
        {
            reader.Diagnostics.Add(field.Value, field.Path, problem);
        }

        return endpoint;
    }

    private string Directory(Dictionary<string, YamlField> fields, string key, string fallback, string baseDirectory)
    {
        var value = fields.TryGetValue(key, out var field) && Text(field) is { Length: > 0 } text ? text : fallback;
        return Path.GetFullPath(value, baseDirectory);
    }

    private string? Text(YamlField field) => reader.String(field.Value, field.Path);
}
