namespace MoneyBot.Supervisor.Config;

/// <summary>Either a valid configuration or every error found in the file.</summary>
public sealed record ConfigLoadResult(SupervisorConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
