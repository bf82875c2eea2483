using System.Globalization;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Who may command the supervisor: only the configured admin chats, and in group chats only the listed
/// admin users (none listed: nobody in a group, since anyone could join it).
/// </summary>
public sealed class CommandAuthorizer(TelegramSettings settings)
{
    /// <param name="chatId">The chat's numeric id.</param>
    /// <param name="chatUsername">The chat's @name, for channels and public groups.</param>
    /// <param name="chatType">private, group, supergroup or channel.</param>
    /// <param name="userId">The sender, when known.</param>
    public bool IsAllowed(long chatId, string? chatUsername, string chatType, long? userId)
    {
        var id = chatId.ToString(CultureInfo.InvariantCulture);
        var known = settings.ChatIds.Any(c =>
            c == id
            || (chatUsername is not null && string.Equals(c, "@" + chatUsername, StringComparison.OrdinalIgnoreCase))
        );
        if (!known)
        {
            return false;
        }

        return chatType == "private" || (userId is { } user && settings.AdminUsers.Contains(user));
    }
}
