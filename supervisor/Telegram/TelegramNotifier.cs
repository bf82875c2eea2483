using Microsoft.Extensions.Logging;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Turns supervisor events into Telegram messages to the admin chats, per kind on / silent / off.
/// Crashes of one program within <see cref="TelegramSettings.CrashLoopWindow"/> collapse into one message
/// that is edited with the count (and "running again"), so a crash loop never floods the chat.
/// Runs on one loop; it only enqueues, so Telegram being slow or down never delays supervision.
/// </summary>
public sealed partial class TelegramNotifier(
    TelegramOutbox outbox,
    TelegramSettings settings,
    Func<string, IReadOnlyList<string>> recentErrorLines,
    string host,
    ILogger logger
)
{
    private readonly IReadOnlyList<ChatId> _chats = settings.ChatIds.Select(ChatId.Parse).ToList();
    private readonly Dictionary<string, CrashIncident> _incidents = [];
    private readonly HashSet<string> _crashedSinceRunning = [];
    private bool _startupAnnounced;

    /// <summary>Handles one event; returns true after the daemon's last word (<see cref="DaemonStopping"/>).</summary>
    public bool Handle(SupervisorEvent evt)
    {
        switch (evt)
        {
            case DaemonStarted started:
                _startupAnnounced = true;
                Send(settings.Notify.Daemon, NotificationTexts.Startup(host, started.ConfigPath, started.Programs));
                break;
            case DaemonStopping stopping:
                Send(settings.Notify.Daemon, NotificationTexts.Stopping(stopping, host), critical: true);
                return true;
            case ConfigReloaded reload:
                Send(settings.Notify.Reload, NotificationTexts.Reloaded(reload));
                break;
            case ProgramStateChanged change:
                OnStateChanged(change);
                break;
        }

        return false;
    }

    private void OnStateChanged(ProgramStateChanged change)
    {
        switch (change)
        {
            case { To: Backoff, From: Starting or Running }
                when change.Reason.Contains("watchdog", StringComparison.Ordinal):
                _crashedSinceRunning.Add(change.Program);
                Send(settings.Notify.Watchdog, NotificationTexts.Watchdog(change), critical: true);
                break;
            case { To: Backoff, From: Starting or Running }:
                _crashedSinceRunning.Add(change.Program);
                OnCrash(change);
                break;
            case { To: Fatal }:
                _crashedSinceRunning.Add(change.Program);
                Send(
                    settings.Notify.Fatal,
                    NotificationTexts.Fatal(change, recentErrorLines(change.Program)),
                    critical: true
                );
                break;
            case { To: Running } when _crashedSinceRunning.Remove(change.Program):
                OnRecovered(change);
                break;
            case { To: Running } when _startupAnnounced:
                Send(settings.Notify.Started, NotificationTexts.Started(change));
                break;
            case { To: Stopped, ByOperator: true }:
                Send(settings.Notify.Stopped, NotificationTexts.Stopped(change));
                break;
        }
    }

    private void OnCrash(ProgramStateChanged change)
    {
        if (
            _incidents.TryGetValue(change.Program, out var incident)
            && incident.Covers(change.At, settings.CrashLoopWindow)
        )
        {
            incident.Add(change);
            Log.CrashLoopUpdated(logger, change.Program, incident.Crashes);
            Update(incident);
            return;
        }

        incident = new CrashIncident(change);
        _incidents[change.Program] = incident;
        foreach (var receipt in Send(settings.Notify.Crashed, NotificationTexts.Crashed(change)))
        {
            incident.Messages[receipt.Chat] = receipt.Sent;
        }
    }

    private void OnRecovered(ProgramStateChanged change)
    {
        if (
            _incidents.TryGetValue(change.Program, out var incident)
            && incident.Covers(change.At, settings.CrashLoopWindow)
            && incident.Messages.Count > 0
        )
        {
            incident.RunningAgain = true;
            if (settings.Notify.Recovered != NotifyMode.Off)
            {
                Update(incident);
            }

            return;
        }

        Send(settings.Notify.Recovered, NotificationTexts.Recovered(change));
    }

    /// <summary>
    /// Edits each chat's message of the incident to its latest text, once Telegram has given it an id.
    /// </summary>
    private void Update(CrashIncident incident)
    {
        foreach (var (chat, sent) in incident.Messages)
        {
            _ = sent.ContinueWith(
                t =>
                {
                    if (t.Result is { } messageId)
                    {
                        outbox.Enqueue(
                            new OutgoingMessage(chat, incident.Text())
                            {
                                EditMessageId = messageId,
                                DisableNotification = true,
                            }
                        );
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default
            );
        }
    }

    private List<(ChatId Chat, Task<long?> Sent)> Send(NotifyMode mode, string text, bool critical = false)
    {
        if (mode == NotifyMode.Off)
        {
            return [];
        }

        return _chats
            .Select(chat =>
                (
                    chat,
                    outbox
                        .Enqueue(
                            new OutgoingMessage(chat, text)
                            {
                                DisableNotification = mode == NotifyMode.Silent,
                                Critical = critical,
                            }
                        )
                        .Sent
                )
            )
            .ToList();
    }

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Debug,
            Message = "{Program}: crash {Count} of a loop; updating its Telegram message"
        )]
        public static partial void CrashLoopUpdated(ILogger logger, string program, int count);
    }
}
