using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Control;

namespace MoneyBot.Supervisor.Cli;

/// <summary>What every verb needs: where to write, which config, and a way to reach its daemon.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, string configPath)
{
    public TextWriter Output => output;

    public TextWriter Error => error;

    public string ConfigPath => configPath;

    /// <summary>Colours only on a terminal, and never with NO_COLOR set.</summary>
    public bool UseColor { get; init; } =
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    /// <summary>False, with the reason on stderr, when the daemon would refuse <paramref name="config"/>.</summary>
    public bool AcceptsPrograms(SupervisorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.EmptyRefusal is not { } refusal)
        {
            return true;
        }

        Error.WriteLine($"{config.SourcePath}: programs: {refusal}");
        return false;
    }

    /// <summary>
    /// Loads and validates the config; on errors prints them (file:line:col path: message) and returns null.
    /// </summary>
    public SupervisorConfig? LoadConfig(string? path = null)
    {
        var result = ConfigLoader.FromProcessEnvironment().Load(path ?? configPath);
        if (result.IsValid)
        {
            return result.Config;
        }

        foreach (var problem in result.Errors)
        {
            error.WriteLine(problem);
        }

        error.WriteLine($"{result.Errors.Count} error(s) in {path ?? configPath}");
        return null;
    }

    public ControlClient Client(SupervisorConfig config) => new(config.Daemon.SocketPath);

    /// <summary>
    /// Sends a request to this config's daemon: first straight to the socket found by <see cref="RunDirLocator"/>
    /// (fast: no YAML parsing), else after loading the config (which reports config errors, exit 2, or a
    /// daemon that is not running, exit 1). Null response: the returned exit code says why.
    /// </summary>
    public async Task<(ControlResponse? Response, int ExitCode)> AskDaemonAsync(
        SupervisorCommand command,
        CancellationToken cancellationToken
    )
    {
        if (
            RunDirLocator.TryFind(configPath) is { } runDir
            && await new ControlClient(DaemonSettings.SocketIn(runDir))
                .SendAsync(command, cancellationToken)
                .ConfigureAwait(false)
                is { } fast
        )
        {
            return (fast, ExitCodes.Success);
        }

        if (LoadConfig() is not { } config)
        {
            return (null, ExitCodes.Usage);
        }

        var response = await SendAsync(config, command, cancellationToken).ConfigureAwait(false);
        return (response, response is null ? ExitCodes.Failed : ExitCodes.Success);
    }

    /// <summary>Sends a request; prints a clear line and returns null when no daemon runs.</summary>
    public async Task<ControlResponse?> SendAsync(
        SupervisorConfig config,
        SupervisorCommand command,
        CancellationToken cancellationToken
    )
    {
        var response = await Client(config).SendAsync(command, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            error.WriteLine($"the daemon is not running for {config.SourcePath} (start it with './moneybot up')");
        }

        return response;
    }

    /// <summary>Prints a response's message and problems; returns the exit code it means.</summary>
    public int Finish(ControlResponse response)
    {
        foreach (var problem in response.Problems ?? [])
        {
            (response.Ok ? output : error).WriteLine(problem);
        }

        if (response.Message is { } message)
        {
            (response.Ok ? output : error).WriteLine(message);
        }

        return response.Ok ? ExitCodes.Success
            : response.Usage ? ExitCodes.Usage
            : ExitCodes.Failed;
    }
}
