namespace MoneyBot.ExtGap.Notifications;

/// <summary>The language of the Telegram messages (<c>--lang en|fr</c>).</summary>
public enum MessageLanguage
{
    /// <summary>English (the default).</summary>
    English,

    /// <summary>French.</summary>
    French,
}
