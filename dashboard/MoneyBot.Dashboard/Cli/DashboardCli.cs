using System.CommandLine;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Notify;
using MoneyBot.Common.Units;
using MoneyBot.Dashboard.Catalog;
using MoneyBot.Dashboard.Web;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Dashboard.Cli;

/// <summary>
/// <c>dashboard run</c>: serves the pages until SIGTERM/SIGINT. Supervised, it sends READY=1 once listening, a
/// WATCHDOG=1 every third of its watchdog, and exits when its supervisor dies. Exit codes: 0 stopped, 1 could not
/// listen, 2 bad options or configuration.
/// </summary>
internal static class DashboardCli
{
    public static Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        Func<string, string?> environment,
        CancellationToken cancellationToken = default
    ) =>
        BotCommandLine.RunAsync(
            "dashboard",
            "MoneyBot's web dashboard: programs, ext-gap charts and P&L, order flow.",
            termination => [Run(error, termination, environment)],
            args,
            output,
            error,
            cancellationToken
        );

    private static Command Run(TextWriter error, Termination termination, Func<string, string?> environment)
    {
        var http = new Option<string>("--http")
        {
            Description =
                $"Where the pages are served (default {DashboardOptions.DefaultUrl}; off loopback needs --token-file)",
            HelpName = "url",
        };
        var config = new Option<string>("--config", "-c")
        {
            Description = "The supervisor configuration to show (default: $MONEYBOT_CONFIG, else config/moneybot.yaml)",
            HelpName = "file",
        };
        var tokenFile = new Option<string>("--token-file")
        {
            Description = "A file with the access token (mode 0600): required to listen off loopback",
            HelpName = "file",
        };
        var refresh = new Option<string>("--refresh")
        {
            Description = "How often the sources are read while a page is open (default 1s)",
            HelpName = "duration",
        };
        var command = new Command("run", "Serve the dashboard.") { http, config, tokenFile, refresh };
        command.SetAction(
            async (p, ct) =>
            {
                if (
                    !Uri.TryCreate(
                        p.GetValue(http) ?? DashboardOptions.DefaultUrl.ToString(),
                        UriKind.Absolute,
                        out var url
                    )
                )
                {
                    await error.WriteLineAsync(
                        $"--http {p.GetValue(http)}: not a URL like {DashboardOptions.DefaultUrl}"
                    );
                    return BotCommandLine.UsageExitCode;
                }

                var every = TimeSpan.FromSeconds(1);
                if (p.GetValue(refresh) is { } text && !Durations.TryParse(text, out every))
                {
                    await error.WriteLineAsync($"--refresh {text}: not a duration like 1s or 500ms");
                    return BotCommandLine.UsageExitCode;
                }

                var options = new DashboardOptions
                {
                    Url = url,
                    ConfigPath = p.GetValue(config) ?? DefaultConfig(environment),
                    TokenFile = p.GetValue(tokenFile),
                    Refresh = every,
                };
                return await ServeAsync(options, error, termination, environment, ct);
            }
        );
        return command;
    }

    private static string DefaultConfig(Func<string, string?> environment) =>
        environment("MONEYBOT_CONFIG") is { Length: > 0 } path ? path : "config/moneybot.yaml";

    private static async Task<int> ServeAsync(
        DashboardOptions options,
        TextWriter error,
        Termination termination,
        Func<string, string?> environment,
        CancellationToken cancellationToken
    )
    {
        if (options.Validate() is { } problem)
        {
            await error.WriteLineAsync(problem);
            return BotCommandLine.UsageExitCode;
        }

        string? token = null;
        if (options.TokenFile is { } file)
        {
            (token, var tokenProblem) = AccessToken.Read(file);
            if (tokenProblem is not null)
            {
                await error.WriteLineAsync(tokenProblem);
                return BotCommandLine.UsageExitCode;
            }
        }

        var loaded = ConfigLoader.FromProcessEnvironment().Load(options.ConfigPath);
        if (!loaded.IsValid)
        {
            foreach (var configError in loaded.Errors)
            {
                await error.WriteLineAsync(configError.ToString());
            }

            await error.WriteLineAsync($"dashboard: the configuration {options.ConfigPath} is not valid (see above)");
            return BotCommandLine.UsageExitCode;
        }

        var catalog = BotCatalog.From(loaded.Config!);
        using var loggers = LoggerFactory.Create(b =>
            b.SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddProvider(new StderrLoggerProvider(error, LogLevel.Information))
        );
        var logger = loggers.CreateLogger("MoneyBot.Dashboard");
        var supervised = SupervisedEnvironment.Read(environment);
        using var notifier = new SystemdNotifier(
            environment("NOTIFY_SOCKET"),
            environment("WATCHDOG_USEC"),
            environment("WATCHDOG_PID")
        );
        DashboardHost host;
        try
        {
            host = await DashboardHost.StartAsync(options, token, catalog, loggers, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"dashboard: cannot listen on {options.Url}: {e.Message}");
            notifier.Stopping();
            return 1;
        }

        await using (host)
        {
            var status =
                $"serving {host.BaseUrl} · {catalog.Programs.Count} programs, {catalog.ExtGap.Count} ext-gap bots, "
                + $"{catalog.OrderFlow.Sum(b => b.Symbols.Count)} order-flow symbols";
            await error.WriteLineAsync($"dashboard: {status} (config {catalog.ConfigPath})");
            notifier.Ready(status);
            var lifetime = new BotLifetime();
            using var watch = lifetime.WatchParent(supervised.ParentCheckInterval, TimeProvider.System, logger);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(termination.Token, lifetime.Token);
            try
            {
                if (notifier.WatchdogTimeout is { } timeout)
                {
                    using var pings = new PeriodicTimer(timeout / 3);
                    do
                    {
                        notifier.Watchdog();
                    } while (await pings.WaitForNextTickAsync(stop.Token));
                }
                else
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
            }
            catch (OperationCanceledException) { }

            notifier.Stopping();
            await error.WriteLineAsync($"dashboard: stopping ({termination.Reason ?? lifetime.Reason ?? "stopped"})");
            lifetime.Dispose();
        }

        return 0;
    }
}
