using System.Net;

namespace MoneyBot.Dashboard.Cli;

/// <summary>What <c>dashboard run</c> was told, checked by <see cref="Validate"/>.</summary>
internal sealed record DashboardOptions
{
    /// <summary>The default listen URL: loopback only.</summary>
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:8092");

    /// <summary>Where the pages are served (<c>http://</c>, no path).</summary>
    public Uri Url { get; init; } = DefaultUrl;

    /// <summary>The supervisor configuration the programs, the control socket and the bots' files come from.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>A file holding the access token; required to listen anywhere but loopback.</summary>
    public string? TokenFile { get; init; }

    /// <summary>How often the daemon, the bots' files and the order-flow API are read while a page is open.</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The address to bind.</summary>
    public IPAddress ListenAddress =>
        Url.IsLoopback && !IPAddress.TryParse(Url.Host.Trim('[', ']'), out _)
            ? IPAddress.Loopback
            : IPAddress.Parse(Url.Host.Trim('[', ']'));

    /// <summary>True when the address is a loopback one (then no token is needed).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(ListenAddress);

    /// <summary>The problem with these options, or null when they are usable.</summary>
    public string? Validate()
    {
        if (Url.Scheme != Uri.UriSchemeHttp || Url.AbsolutePath != "/" || Url.Query.Length > 0)
        {
            return $"--http {Url}: expected http://ADDRESS:PORT without a path, like {DefaultUrl}";
        }

        if (!Url.IsLoopback && !IPAddress.TryParse(Url.Host.Trim('[', ']'), out _))
        {
            return $"--http {Url}: give an IP address to bind (127.0.0.1, 0.0.0.0, a local address), not a host name";
        }

        if (!IsLoopback && TokenFile is null)
        {
            return $"--http {Url} is not loopback: anyone who reaches it could stop your bots; give --token-file FILE "
                + "(a secret of at least 16 characters, mode 0600), or keep the default "
                + DefaultUrl;
        }

        return Refresh < TimeSpan.FromMilliseconds(100) || Refresh > TimeSpan.FromMinutes(1)
            ? $"--refresh {Refresh.TotalSeconds}s: expected between 100ms and 1m"
            : null;
    }
}
