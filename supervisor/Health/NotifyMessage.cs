namespace MoneyBot.Supervisor.Health;

/// <summary>
/// One notify-protocol datagram: <c>READY=1</c>, <c>WATCHDOG=1</c>, <c>STATUS=...</c>, <c>STOPPING=1</c> (others
/// ignored).
/// </summary>
public sealed record NotifyMessage(bool Ready, bool Watchdog, bool Stopping, string? Status)
{
    public static NotifyMessage Parse(string datagram)
    {
        bool ready = false,
            watchdog = false,
            stopping = false;
        string? status = null;
        foreach (var line in datagram.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var (key, value) = (line[..eq], line[(eq + 1)..]);
            switch (key)
            {
                case "READY":
                    ready |= value == "1";
                    break;
                case "WATCHDOG":
                    watchdog |= value == "1";
                    break;
                case "STOPPING":
                    stopping |= value == "1";
                    break;
                case "STATUS":
                    status = value.Length > 200 ? value[..200] : value;
                    break;
            }
        }

        return new NotifyMessage(ready, watchdog, stopping, status);
    }
}
