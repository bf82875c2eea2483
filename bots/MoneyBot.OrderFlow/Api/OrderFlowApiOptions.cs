using System.Net;

namespace MoneyBot.OrderFlow.Api;

/// <summary>Where and how the read-only HTTP API listens. Validated once by <see cref="Validate"/>.</summary>
public sealed record OrderFlowApiOptions
{
    /// <summary>The default listen URL.</summary>
    public static Uri DefaultListenUrl { get; } = new("http://127.0.0.1:8091");

    /// <summary>Where to listen: an <c>http</c> URL on a loopback address, no path; port 0 picks a free port.</summary>
    public Uri ListenUrl { get; init; } = DefaultListenUrl;

    /// <summary>When the bot started, for <c>/status</c>; null for when the API starts.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The local clock (uptime, "now" in the status).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws an <see cref="ArgumentException"/> saying what is wrong with the listen URL.</summary>
    public OrderFlowApiOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(ListenUrl);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (ListenUrl is not { IsAbsoluteUri: true, Scheme: "http" } || !IsLoopback(ListenUrl.Host))
        {
            throw new ArgumentException(
                $"The order-flow API listen URL '{ListenUrl}' must be http on a loopback address (127.0.0.1, "
                    + $"[::1] or localhost), e.g. {DefaultListenUrl}: "
                    + "the API has no authentication, so it is never exposed beyond this machine.",
                nameof(ListenUrl)
            );
        }

        if (ListenUrl.AbsolutePath != "/" || ListenUrl.Query.Length > 0)
        {
            throw new ArgumentException(
                $"The order-flow API listen URL '{ListenUrl}' must have no path or query, e.g. {DefaultListenUrl}.",
                nameof(ListenUrl)
            );
        }

        return this;
    }

    /// <summary>The address to bind.</summary>
    internal IPAddress ListenAddress =>
        string.Equals(ListenUrl.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.Parse(ListenUrl.Host.Trim('[', ']'));

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
