namespace MoneyBot.Supervisor.Config;

/// <summary>
/// How one kind of Telegram notification is sent (<c>telegram.notify.&lt;kind&gt;: on | silent | off</c>).
/// </summary>
public enum NotifyMode
{
    /// <summary>Sent with sound.</summary>
    On,

    /// <summary>Sent without sound (<c>disable_notification</c>).</summary>
    Silent,

    /// <summary>Not sent.</summary>
    Off,
}
