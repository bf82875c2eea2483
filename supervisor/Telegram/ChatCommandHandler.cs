using System.Text;
using MoneyBot.Common.Telegram;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Supervision;
using static MoneyBot.Common.Telegram.TelegramHtml;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Answers what the chat asks for (<see cref="ChatRequest"/>): commands go to the same handler as the control
/// socket's, and their typed results are written as chat messages. Destructive actions (stop, restart all) first
/// answer with a confirmation button.
/// </summary>
/// <param name="run">Carries a command out (the daemon's <see cref="CommandHandler"/>).</param>
internal sealed class ChatCommandHandler(Func<SupervisorCommand, CancellationToken, Task<CommandResult>> run)
{
    /// <summary>Longer log excerpts go out as a document instead of a message.</summary>
    private const int InlineLogLimit = 3500;

    /// <summary>Status buttons for at most this many programs (a keyboard has its limits).</summary>
    private const int MaxButtonRows = 20;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request)
        {
            case ChatRequest.Run(var command):
                var result = await run(command, cancellationToken).ConfigureAwait(false);
                return command switch
                {
                    SupervisorCommand.Status when result.Ok => Status(result),
                    SupervisorCommand.Logs logs when result.Ok => Logs(logs, result),
                    SupervisorCommand.Report when result.Ok => Report(result.Message ?? string.Empty),
                    _ => Format(result),
                };
            case ChatRequest.Confirm(var command):
                return Confirm(command);
            case ChatRequest.Help:
                return new ChatReply(
                    string.Join("\n", ChatCommands.Menu.Select(c => $"/{c.Command} — {Escape(c.Description)}"))
                );
            case ChatRequest.Usage(var usage):
                return new ChatReply($"usage: {Escape(usage)}");
            case ChatRequest.Unknown(var name):
                return new ChatReply($"unknown command /{Escape(name)}; /help lists them");
            case ChatRequest.Cancelled:
                return new ChatReply("cancelled");
            case ChatRequest.Expired:
                return new ChatReply("that button is no longer valid");
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "a request this handler does not know");
        }
    }

    private static ChatReply Status(CommandResult result)
    {
        var programs = result.Programs ?? [];
        var text = new StringBuilder("<b>Programs</b>\n");
        foreach (var p in programs)
        {
            text.Append($"{NotificationTexts.StateIcon(p.State)} <b>{Escape(p.Name)}</b> " + p.State.Label());
            text.Append(p.Uptime is { } up ? $" up {Durations.Format(up)}" : string.Empty);
            text.Append(p.Restarts > 0 ? $", {p.Restarts} restarts" : string.Empty);
            text.Append(p.StatusText is { Length: > 0 } s ? $"\n   {Escape(s)}" : string.Empty);
            text.Append(p.State != ProgramState.Running ? $"\n   {Escape(p.Reason)}" : string.Empty).Append('\n');
        }

        var buttons = programs
            .Take(MaxButtonRows)
            .Select(p =>
                (IReadOnlyList<InlineKeyboardButton>)
                    [
                        new InlineKeyboardButton(
                            $"🔄 {p.Name}",
                            ChatCommands.ButtonData(new ChatRequest.Run(new SupervisorCommand.Restart(p.Name)))
                        ),
                        new InlineKeyboardButton(
                            $"⏹ {p.Name}",
                            ChatCommands.ButtonData(new ChatRequest.Confirm(new SupervisorCommand.Stop(p.Name)))
                        ),
                    ]
            )
            .ToList();
        if (result.Message is { } note)
        {
            text.Append("⚠️ ").Append(Escape(note)); // e.g. another process polling this bot's token
        }

        return new ChatReply(
            text.ToString().TrimEnd('\n'),
            buttons.Count > 0 ? new InlineKeyboardMarkup(buttons) : null
        );
    }

    /// <summary>A report as the schedules send it: its title in bold, its lines in a block.</summary>
    private static ChatReply Report(string text)
    {
        var cut = text.IndexOf('\n', StringComparison.Ordinal);
        var (title, body) = cut < 0 ? (text, string.Empty) : (text[..cut], text[(cut + 1)..]);
        return new ChatReply($"<b>{Escape(title)}</b>\n<pre>{Escape(body)}</pre>");
    }

    private static ChatReply Logs(SupervisorCommand.Logs logs, CommandResult result)
    {
        var tail = result.Lines ?? [];
        var name = logs.Program;
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

    private static ChatReply Confirm(SupervisorCommand command)
    {
        var (verb, target) = ChatCommands.VerbAndTarget(command);
        return new(
            $"{verb} <b>{Escape(target)}</b>?",
            InlineKeyboardMarkup.SingleRow(
                new InlineKeyboardButton($"✅ {verb} {target}", ChatCommands.ConfirmData(command)),
                new InlineKeyboardButton("✖ cancel", ChatCommands.ButtonData(new ChatRequest.Cancelled()))
            )
        );
    }

    private static ChatReply Format(CommandResult result)
    {
        var text = new StringBuilder(result.Ok ? "✅ " : "⚠️ ").Append(
            Escape(result.Message ?? (result.Ok ? "done" : "failed"))
        );
        foreach (var problem in result.Problems ?? [])
        {
            text.Append('\n').Append(Escape(problem));
        }

        return new ChatReply(text.ToString());
    }
}
