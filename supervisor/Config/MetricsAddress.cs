using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// The value of <c>supervisor.metrics</c>: where the daemon serves <c>/metrics</c>, as <c>host:port</c> with an IP
/// address (<c>127.0.0.1:9109</c>, <c>[::1]:9109</c>, <c>0.0.0.0:9109</c>), or off (empty, <c>off</c>).
/// </summary>
public static class MetricsAddress
{
    /// <summary>What a good value looks like, for error messages.</summary>
    public const string Form = "host:port such as 127.0.0.1:9109, [::1]:9109 or 0.0.0.0:9109, or off";

    /// <summary>
    /// Reads <paramref name="text"/>: the endpoint, or null when metrics are off or the value is wrong (then
    /// <paramref name="problem"/> says why, as the rest of a config error).
    /// </summary>
    public static IPEndPoint? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var value = text.Trim();
        if (value.Length == 0 || value.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string host;
        string port;
        var bracketed = value.StartsWith('[');
        if (bracketed)
        {
            var close = value.IndexOf("]:", StringComparison.Ordinal);
            host = close < 0 ? string.Empty : value[1..close];
            port = close < 0 ? string.Empty : value[(close + 2)..];
        }
        else
        {
            var colon = value.LastIndexOf(':');
            if (colon < 0)
            {
                problem = Expected(value, IsPort(value) ? $"127.0.0.1:{value}" : null);
                return null;
            }

            host = value[..colon];
            port = value[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                problem = Expected(value, IPAddress.TryParse(host, out _) ? $"[{host}]:{port}" : null);
                return null;
            }
        }

        if (!IsPort(port) || !TryAddress(host, bracketed, out var address))
        {
            problem = Expected(
                value,
                host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && IsPort(port)
                    ? $"127.0.0.1:{port}"
                    : null
            );
            return null;
        }

        return new IPEndPoint(address, int.Parse(port, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static bool IsPort(string text) =>
        text.Length is > 0 and <= 5
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
        && port is >= 1 and <= 65535;

    /// <summary>An IPv6 address in brackets, or an IPv4 address as a dotted quad without.</summary>
    private static bool TryAddress(string host, bool bracketed, out IPAddress address)
    {
        if (!IPAddress.TryParse(host, out address!))
        {
            return false;
        }

        // IPAddress also reads "1" or "10.1" as IPv4 addresses; only the dotted quad is meant here
        return bracketed
            ? address.AddressFamily == AddressFamily.InterNetworkV6
            : address.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') == 3;
    }

    private static string Expected(string value, string? suggestion) =>
        $"expected {Form}, found '{value}'" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?");
}
