using MoneyBot.Supervisor.Commands;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// What a chat message or a button press asks for, once <see cref="ChatCommands"/> has read it: a command to carry
/// out, one to confirm first, or an answer that needs no command at all.
/// </summary>
public abstract record ChatRequest
{
    private ChatRequest() { }

    /// <summary>Carry <paramref name="Command"/> out now.</summary>
    public sealed record Run(SupervisorCommand Command) : ChatRequest;

    /// <summary>Ask first (stop, restart all); the confirming button runs <paramref name="Command"/>.</summary>
    public sealed record Confirm(SupervisorCommand Command) : ChatRequest;

    /// <summary>/help: what the commands do.</summary>
    public sealed record Help : ChatRequest;

    /// <summary>A known command without what it needs: <paramref name="Text"/> says how to call it.</summary>
    public sealed record Usage(string Text) : ChatRequest;

    /// <summary>A command the bot does not have.</summary>
    public sealed record Unknown(string Name) : ChatRequest;

    /// <summary>The cancel button of a confirmation.</summary>
    public sealed record Cancelled : ChatRequest;

    /// <summary>A button whose data means nothing (any more): from an older version, say.</summary>
    public sealed record Expired : ChatRequest;
}
