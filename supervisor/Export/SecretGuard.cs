using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Export;

/// <summary>Keeps the secrets of a configuration out of what an export writes.</summary>
internal static class SecretGuard
{
    /// <summary>Refuses to write a value that holds a secret (a token in args, say).</summary>
    /// <param name="config">The configuration; its <see cref="SupervisorConfig.Secrets"/> are what is refused.</param>
    /// <param name="program">The program the value belongs to.</param>
    /// <param name="path">Where the value is in the YAML, for the message.</param>
    /// <param name="value">The text that would be written.</param>
    /// <param name="what">What the export writes (<c>a unit file</c>).</param>
    /// <exception cref="InvalidOperationException">The value holds a secret.</exception>
    public static void Refuse(SupervisorConfig config, ProgramConfig program, string path, string value, string what)
    {
        if (config.Secrets.Any(secret => secret.Length > 0 && value.Contains(secret, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"{path}: holds a secret, which {what} must not contain; pass it through env: with a "
                    + $"${{VARIABLE}} (program {program.Name})"
            );
        }
    }
}
