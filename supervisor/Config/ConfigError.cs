namespace MoneyBot.Supervisor.Config;

/// <summary>One problem in a configuration file, with where it is.</summary>
/// <param name="File">The file (as given).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="YamlPath">Dotted path such as <c>programs.extgap-3m.backoff.max</c> (empty for the whole file).</param>
/// <param name="Message">What is wrong and, where possible, what to write instead.</param>
public sealed record ConfigError(string File, int Line, int Column, string YamlPath, string Message)
{
    public override string ToString() =>
        YamlPath.Length == 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column}: {YamlPath}: {Message}";
}
