using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Holds the running configuration and carries out <c>reload</c>: re-reads the file and applies it to the programs,
/// or refuses it whole (the running configuration stays) when it is invalid. One reload at a time.
/// </summary>
internal sealed partial class ConfigReloader(
    SupervisorConfig config,
    Func<string, ConfigLoadResult> load,
    ProgramSet programs,
    ILogger logger
) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The configuration in force (its <c>supervisor:</c> and <c>telegram:</c> sections as started).</summary>
    public SupervisorConfig Current { get; private set; } = config;

    public async Task<CommandResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var running = Current;
            var result = load(running.SourcePath);
            if (!result.IsValid)
            {
                Log.Refused(logger, result.Errors.Count);
                return new CommandResult(
                    false,
                    $"{running.SourcePath} has {result.Errors.Count} error(s); the running configuration was kept",
                    Problems: result.Errors.Select(e => e.ToString()).ToList()
                );
            }

            var next = result.Config!;
            if (next.EmptyRefusal is { } refusal)
            {
                Log.Refused(logger, 1);
                return new CommandResult(
                    false,
                    $"{running.SourcePath} defines no program; the running configuration was kept",
                    Problems: [$"{running.SourcePath}: programs: {refusal}"]
                );
            }

            var notes = next.Warnings().Select(w => "warning: " + w).ToList();
            if (next.Daemon != running.Daemon)
            {
                notes.Add("changes to the supervisor: section apply after the daemon restarts");
            }

            if (!SameTelegram(next.Telegram, running.Telegram))
            {
                notes.Add("changes to the telegram: section apply after the daemon restarts");
            }

            var summary = await programs.ReloadAsync(next, cancellationToken).ConfigureAwait(false);
            Current = next with { Daemon = running.Daemon, Telegram = running.Telegram };
            Log.Reloaded(logger, summary);
            return new CommandResult(true, "reload applied: " + summary, programs.Statuses(), notes);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static bool SameTelegram(TelegramSettings a, TelegramSettings b) =>
        a with { ChatIds = [], AdminUsers = [] } == b with { ChatIds = [], AdminUsers = [] }
        && a.ChatIds.SequenceEqual(b.ChatIds)
        && a.AdminUsers.SequenceEqual(b.AdminUsers);

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "reload refused: {Count} error(s) in the file; the running configuration stays"
        )]
        public static partial void Refused(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Information, Message = "reload applied: {Summary}")]
        public static partial void Reloaded(ILogger logger, ReloadSummary summary);
    }
}
