namespace MoneyBot.Supervisor.Cli;

/// <summary><c>config check [file]</c>: every problem with file:line:column and YAML path; exit 2 on any.</summary>
internal static class ConfigCheckVerb
{
    public static int Run(CliContext cli, string? file)
    {
        var path = file is null ? cli.ConfigPath : Path.GetFullPath(file);
        if (cli.LoadConfig(path) is not { } config)
        {
            return ExitCodes.Usage;
        }

        if (config.Programs.Count == 0)
        {
            cli.Error.WriteLine(
                config.EmptyRefusal is { } refusal
                    ? $"{path}: warning: {refusal}"
                    : $"{path}: warning: no program is defined (accepted: supervisor.allow_empty is true); the "
                        + "daemon will supervise nothing, and a reload to this file stops every program"
            );
        }

        foreach (var warning in config.Warnings())
        {
            cli.Error.WriteLine($"{path}: warning: {warning}");
        }

        cli.Output.WriteLine(
            $"{path}: OK, {config.Programs.Count} program(s): {string.Join(", ", config.Programs.Select(p => p.Name))}"
        );
        return ExitCodes.Success;
    }
}
