using System.Globalization;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Commands;
using static MoneyBot.Common.Telegram.TelegramHtml;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// The chat's words for the supervisor's commands, both ways: <c>/restart extgap-3m</c> and the button data
/// <c>restart:extgap-3m</c> become <see cref="SupervisorCommand.Restart"/>, and a command becomes its button data
/// and its progress note again. The only place where chat text meets the command records.
/// </summary>
public static class ChatCommands
{
    /// <summary>The command menu clients offer when the operator types <c>/</c>.</summary>
    public static IReadOnlyList<BotCommand> Menu { get; } =
    [
        new("status", "All programs, or one: /status name"),
        new("start", "Start a program, a group or all"),
        new("stop", "Stop a program, a group or all (asks to confirm)"),
        new("restart", "Restart a program, a group or all"),
        new("logs", "Last lines of a program's log: /logs name [n] [err]"),
        new("health", "Problems, if any"),
        new("report", "The health report now, or /report daily"),
        new("reload", "Re-read the configuration file"),
        new("help", "What the commands do"),
    ];

    /// <summary>What a chat command asks for.</summary>
    public static ChatRequest Interpret(ChatCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var args = command.Args;
        var target = args.Count > 0 ? args[0] : null;
        return (command.Name, target) switch
        {
            ("status", _) => Run(new SupervisorCommand.Status(target)),
            ("start", null) => new ChatRequest.Usage("/start name|group|all"),
            ("start", { } t) => Run(new SupervisorCommand.Start(t)),
            ("stop", null) => new ChatRequest.Usage("/stop name|group|all"),
            ("stop", { } t) => new ChatRequest.Confirm(new SupervisorCommand.Stop(t)),
            ("restart", null) => new ChatRequest.Usage("/restart name|group|all"),
            ("restart", "all") => new ChatRequest.Confirm(new SupervisorCommand.Restart("all")),
            ("restart", { } t) => Run(new SupervisorCommand.Restart(t)),
            ("logs", null) => new ChatRequest.Usage("/logs name [lines] [err]"),
            ("logs", { } t) => Run(Logs(t, args.Skip(1).ToList())),
            ("health", _) => Run(new SupervisorCommand.Health()),
            ("report", null or "health") => Run(new SupervisorCommand.Report(ReportKind.Health)),
            ("report", "daily") => Run(new SupervisorCommand.Report(ReportKind.Daily)),
            ("report", _) => new ChatRequest.Usage("/report [daily]"),
            ("reload", _) => Run(new SupervisorCommand.Reload()),
            ("help", _) => new ChatRequest.Help(),
            _ => new ChatRequest.Unknown(command.Name),
        };
    }

    /// <summary>
    /// What a button press asks for (data that <see cref="ButtonData"/> or <see cref="ConfirmData"/> made).
    /// </summary>
    public static ChatRequest FromButton(string data) =>
        data.Split(':', 3) switch
        {
            ["cancel"] => new ChatRequest.Cancelled(),
            ["restart", var name] => Run(new SupervisorCommand.Restart(name)),
            ["stop", var name] => new ChatRequest.Confirm(new SupervisorCommand.Stop(name)),
            ["confirm", "stop", var target] => Run(new SupervisorCommand.Stop(target)),
            ["confirm", "restart", var target] => Run(new SupervisorCommand.Restart(target)),
            ["confirm", "start", var target] => Run(new SupervisorCommand.Start(target)),
            _ => new ChatRequest.Expired(),
        };

    /// <summary>The data of a button that asks for <paramref name="request"/> (the status message's buttons).</summary>
    public static string ButtonData(ChatRequest request) =>
        request switch
        {
            ChatRequest.Run(SupervisorCommand.Restart(var name)) => $"restart:{name}",
            ChatRequest.Confirm(SupervisorCommand.Stop(var name)) => $"stop:{name}",
            ChatRequest.Cancelled => "cancel",
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, "no button asks for this"),
        };

    /// <summary>The data of the button that confirms <paramref name="command"/>.</summary>
    public static string ConfirmData(SupervisorCommand command)
    {
        var (verb, target) = VerbAndTarget(command);
        return $"confirm:{verb}:{target}";
    }

    /// <summary>
    /// For a command that takes a while (start, stop, restart, reload: up to a program's stop_timeout plus its
    /// start_secs or ready_timeout), the note sent at once and later edited with the outcome; null for a request
    /// answered directly.
    /// </summary>
    public static string? Progress(ChatRequest request) =>
        request switch
        {
            ChatRequest.Run(SupervisorCommand.Start(var target)) => Working("starting", target),
            ChatRequest.Run(SupervisorCommand.Stop(var target)) => Working("stopping", target),
            ChatRequest.Run(SupervisorCommand.Restart(var target)) => Working("restarting", target),
            ChatRequest.Run(SupervisorCommand.Reload) => "⏳ reloading the configuration…",
            _ => null,
        };

    /// <summary>The verb and target of a command on programs, in the chat's words (<c>restart</c>, <c>x</c>).</summary>
    public static (string Verb, string Target) VerbAndTarget(SupervisorCommand command) =>
        command switch
        {
            SupervisorCommand.Start(var target) => ("start", target),
            SupervisorCommand.Stop(var target) => ("stop", target),
            SupervisorCommand.Restart(var target) => ("restart", target),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a command on programs"),
        };

    private static ChatRequest.Run Run(SupervisorCommand command) => new(command);

    private static SupervisorCommand.Logs Logs(string program, List<string> rest)
    {
        var lines = rest.Select(a =>
                int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null
            )
            .FirstOrDefault(n => n is not null);
        return new SupervisorCommand.Logs(
            program,
            Math.Clamp(lines ?? SupervisorCommand.Logs.DefaultLines, 1, SupervisorCommand.Logs.MaxLines),
            rest.Contains("err", StringComparer.OrdinalIgnoreCase)
        );
    }

    private static string Working(string doing, string target) => $"⏳ {doing} <b>{Escape(target)}</b>…";
}
