using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MoneyBot.Dashboard.Web;

/// <summary>
/// Who may use the dashboard, checked before every request:
/// <list type="bullet">
/// <item>On loopback the Host header must name loopback (a page of another site that rebinds its DNS name to
/// 127.0.0.1 gets 421, not our data).</item>
/// <item>With a token (required off loopback) every request carries it: the cookie set by opening
/// <c>/?token=TOKEN</c> once, or <c>Authorization: Bearer TOKEN</c>.</item>
/// <item>Actions are POSTs with the page's CSRF token in <c>X-CSRF-Token</c>, and a same-origin <c>Origin</c>
/// and <c>Sec-Fetch-Site</c> where the browser sends them.</item>
/// </list>
/// Every response forbids framing and sniffing and allows scripts from this origin only.
/// </summary>
internal sealed class AccessGuard(string? token, bool loopback)
{
    /// <summary>The cookie that carries the token.</summary>
    public const string CookieName = "moneybot_dashboard";

    /// <summary>The header that carries the CSRF token.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    private readonly byte[]? _token = token is null ? null : Encoding.UTF8.GetBytes(token);

    /// <summary>The CSRF token of this run, written into the page.</summary>
    public string Csrf { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        if (loopback && !IsLoopbackHost(context.Request.Host.Host))
        {
            await RefuseAsync(
                context,
                StatusCodes.Status421MisdirectedRequest,
                "this dashboard answers on loopback only"
            );
            return;
        }

        if (_token is not null && !await AuthenticatedAsync(context))
        {
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && CsrfProblem(context.Request) is { } problem)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, problem);
            return;
        }

        await next(context);
    }

    private async Task<bool> AuthenticatedAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path == "/" && request.Query["token"] is { Count: 1 } given)
        {
            if (!Matches(given[0]))
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "wrong token");
                return false;
            }

            // The token leaves the address bar (and the history) at once; the cookie carries it from now on.
            context.Response.Cookies.Append(
                CookieName,
                given[0]!,
                new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax, // Strict would drop it on the redirect of a link opened from a chat
                    Path = "/",
                    Secure = request.IsHttps,
                }
            );
            context.Response.Redirect("/", permanent: false);
            return false;
        }

        var bearer = request.Headers.Authorization.ToString();
        if (
            (bearer.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(bearer["Bearer ".Length..]))
            || (request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie))
        )
        {
            return true;
        }

        await RefuseAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "this dashboard needs its token: open /?token=TOKEN once (the token is in the file given to --token-file)"
        );
        return false;
    }

    private bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    private string? CsrfProblem(HttpRequest request)
    {
        var sent = request.Headers[CsrfHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(Csrf)))
        {
            return "missing or wrong CSRF token: actions come from the dashboard's own page";
        }

        // The host only, not the scheme: behind a TLS proxy the page is https while this server sees http.
        var origin = request.Headers.Origin.ToString();
        if (
            origin.Length > 0
            && !(
                Uri.TryCreate(origin, UriKind.Absolute, out var from)
                && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            )
        )
        {
            return $"cross-origin request from {origin} refused";
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && site != "same-origin" ? $"request from another site ({site}) refused" : null;
    }

    private static bool IsLoopbackHost(string host) =>
        host is "127.0.0.1" or "localhost" or "[::1]" or "::1"
        || (
            System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address)
            && System.Net.IPAddress.IsLoopback(address)
        );

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
