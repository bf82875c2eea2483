using System.Globalization;
using System.Text;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.Supervisor.Logging;
using static MoneyBot.Common.Telegram.TelegramHtml;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Carries out admin commands (/status, /start, /stop, /restart, /logs, /health, /reload, /help) and
/// button presses through the same operations as the control socket. Destructive actions (stop, restart
/// all) first answer with a confirmation button.
/// </summary>
internal sealed class ChatCommandHandler(
    SupervisorDaemon daemon,
    Func<ControlRequest, CancellationToken, Task<ControlResponse>> control
)
{
    public const int MaxLogLines = 2000;
    private const int InlineLogLimit = 3500;

    public static IReadOnlyList<BotCommand> Menu { get; } =
    [
        new("status", "All programs, or one: /status name"),
        new("start", "Start a program, a group or all"),
        new("stop", "Stop a program, a group or all (asks to confirm)"),
        new("restart", "Restart a program, a group or all"),
        new("logs", "Last lines of a program's log: /logs name [n]"),
        new("health", "Problems, if any"),
        new("reload", "Re-read the configuration file"),
        new("help", "What the commands do"),
    ];

    /// <summary>
    /// For a command that takes a while (start, restart, reload: up to a program's stop_timeout plus its
    /// start_secs or ready_timeout), the note sent at once, later edited with the outcome; null for a command
    /// answered directly.
    /// </summary>
    public static string? Progress(ChatCommand command)
    {
        var target = command.Args.Count > 0 ? command.Args[0] : null;
        return (command.Name, target) switch
        {
            ("start", { } name) => Working("start", name),
            ("restart", { } name) when name != "all" => Working("restart", name),
            ("reload", _) => "⏳ reloading the configuration…",
            _ => null,
        };
    }

    /// <summary>Like <see cref="Progress"/>, for a button press (see <see cref="HandleButtonAsync"/>).</summary>
    public static string? ButtonProgress(string data) =>
        data.Split(':', 3) switch
        {
            ["restart", var name] => Working("restart", name),
            ["confirm", ("stop" or "restart" or "start") and var verb, var target] => Working(verb, target),
            _ => null,
        };

    public async Task<ChatReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        var target = command.Args.Count > 0 ? command.Args[0] : null;
        switch (command.Name)
        {
            case "status":
                return await StatusAsync(target, cancellationToken).ConfigureAwait(false);
            case "start":
                return target is null
                    ? Usage("/start name|group|all")
                    : await RunAsync("start", target, cancellationToken).ConfigureAwait(false);
            case "stop":
                return target is null ? Usage("/stop name|group|all") : Confirm("stop", target);
            case "restart" when target == "all":
                return Confirm("restart", target);
            case "restart":
                return target is null
                    ? Usage("/restart name|group|all")
                    : await RunAsync("restart", target, cancellationToken).ConfigureAwait(false);
            case "logs":
                return target is null
                    ? Usage("/logs name [lines]")
                    : Logs(target, command.Args.Count > 1 ? command.Args[1] : null);
            case "health":
                return Format(await control(new ControlRequest("health"), cancellationToken).ConfigureAwait(false));
            case "reload":
                return Format(await control(new ControlRequest("reload"), cancellationToken).ConfigureAwait(false));
            case "help":
                return Help();
            default:
                return new ChatReply($"unknown command /{Escape(command.Name)}; /help lists them");
        }
    }

    /// <summary>
    /// A button press: <c>restart:name</c>, <c>stop:name</c> (asks to confirm), <c>confirm:verb:target</c>,
    /// <c>cancel</c>.
    /// </summary>
    public async Task<ChatReply> HandleButtonAsync(string data, CancellationToken cancellationToken)
    {
        var parts = data.Split(':', 3);
        return parts switch
        {
            ["cancel"] => new ChatReply("cancelled"),
            ["restart", var name] => await RunAsync("restart", name, cancellationToken).ConfigureAwait(false),
            ["stop", var name] => Confirm("stop", name),
            ["confirm", "stop" or "restart" or "start", var target] => await RunAsync(
                    parts[1],
                    target,
                    cancellationToken
                )
                .ConfigureAwait(false),
            _ => new ChatReply("that button is no longer valid"),
        };
    }

    private async Task<ChatReply> StatusAsync(string? name, CancellationToken cancellationToken)
    {
        var response = await control(new ControlRequest("status", name), cancellationToken).ConfigureAwait(false);
        if (!response.Ok)
        {
            return Format(response);
        }

        var programs = response.Programs ?? [];
        var text = new StringBuilder("<b>Programs</b>\n");
        foreach (var p in programs)
        {
            var state = Enum.Parse<Supervision.ProgramState>(p.State, ignoreCase: true);
            text.Append(
                CultureInfo.InvariantCulture,
                $"{NotificationTexts.StateIcon(state)} <b>{Escape(p.Name)}</b> {p.State}"
            );
            text.Append(
                p.UptimeS is { } up
                    ? $" up {MoneyBot.Common.Units.Durations.Format(TimeSpan.FromSeconds(up))}"
                    : string.Empty
            );
            text.Append(p.Restarts > 0 ? $", {p.Restarts} restarts" : string.Empty);
            text.Append(p.StatusText is { Length: > 0 } s ? $"\n   {Escape(s)}" : string.Empty);
            text.Append(p.State != "RUNNING" ? $"\n   {Escape(p.Reason)}" : string.Empty).Append('\n');
        }

        var buttons = programs
            .Take(20)
            .Select(p =>
                (IReadOnlyList<InlineKeyboardButton>)
                    [
                        new InlineKeyboardButton($"🔄 {p.Name}", $"restart:{p.Name}"),
                        new InlineKeyboardButton($"⏹ {p.Name}", $"stop:{p.Name}"),
                    ]
            )
            .ToList();
        if (response.Message is { } note)
        {
            text.Append("⚠️ ").Append(Escape(note)); // e.g. another process polling this bot's token
        }

        return new ChatReply(
            text.ToString().TrimEnd('\n'),
            buttons.Count > 0 ? new InlineKeyboardMarkup(buttons) : null
        );
    }

    private async Task<ChatReply> RunAsync(string verb, string target, CancellationToken cancellationToken) =>
        Format(await control(new ControlRequest(verb, target), cancellationToken).ConfigureAwait(false));

    private ChatReply Logs(string name, string? count)
    {
        if (daemon.Config.Find(name) is not { } program)
        {
            return new ChatReply($"no program named {Escape(name)}");
        }

        var lines = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, MaxLogLines)
            : 20;
        var tail = LogTail.ReadLast(
            ProgramLogs.OutPath(daemon.Config.Daemon.LogDir, name),
            lines,
            program.Logs.Backups
        );
        var text = string.Join("\n", tail);
        if (text.Length > InlineLogLimit)
        {
            return new ChatReply(
                $"last {tail.Count} lines of <b>{Escape(name)}</b>",
                Document: ($"{name}.log", Encoding.UTF8.GetBytes(text + "\n"))
            );
        }

        return new ChatReply(
            tail.Count == 0 ? $"{Escape(name)}: the log is empty" : $"<b>{Escape(name)}</b>\n<pre>{Escape(text)}</pre>"
        );
    }

    private static ChatReply Confirm(string verb, string target) =>
        new(
            $"{verb} <b>{Escape(target)}</b>?",
            InlineKeyboardMarkup.SingleRow(
                new InlineKeyboardButton($"✅ {verb} {target}", $"confirm:{verb}:{target}"),
                new InlineKeyboardButton("✖ cancel", "cancel")
            )
        );

    private static ChatReply Format(ControlResponse response)
    {
        var text = new StringBuilder(response.Ok ? "✅ " : "⚠️ ").Append(
            Escape(response.Message ?? (response.Ok ? "done" : "failed"))
        );
        foreach (var problem in response.Problems ?? [])
        {
            text.Append('\n').Append(Escape(problem));
        }

        return new ChatReply(text.ToString());
    }

    private static string Working(string verb, string target) =>
        $"⏳ {(verb == "stop" ? "stopping" : verb + "ing")} <b>{Escape(target)}</b>…";

    private static ChatReply Usage(string usage) => new($"usage: {Escape(usage)}");

    private static ChatReply Help() =>
        new(string.Join("\n", Menu.Select(c => $"/{c.Command} — {Escape(c.Description)}")));
}
