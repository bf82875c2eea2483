using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MoneyBot.Dashboard.Web;

/// <summary>
/// The pages' files, embedded in the executable (<c>wwwroot/</c>): the page, its script and style, and the vendored
/// chart library with its licence and notice. <c>index.html</c> gets this run's CSRF token.
/// </summary>
internal sealed class StaticAssets
{
    private readonly Dictionary<string, (byte[] Body, string ContentType)> _files = new(StringComparer.Ordinal);

    public StaticAssets(string csrf)
    {
        var assembly = typeof(StaticAssets).Assembly;
        foreach (
            var name in assembly
                .GetManifestResourceNames()
                .Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal))
        )
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = "/" + name["wwwroot/".Length..];
            var body = copy.ToArray();
            if (path == "/index.html")
            {
                body = Encoding.UTF8.GetBytes(
                    Encoding.UTF8.GetString(body).Replace("{{csrf}}", csrf, StringComparison.Ordinal)
                );
                path = "/";
            }

            _files[path] = (body, ContentTypeOf(path));
        }
    }

    /// <summary>The files' paths.</summary>
    public IEnumerable<string> Paths => _files.Keys;

    public Task WriteAsync(HttpContext context, string path)
    {
        var (body, type) = _files[path];
        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static string ContentTypeOf(string path) =>
        Path.GetExtension(path) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            "" when path == "/" => "text/html; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
}
