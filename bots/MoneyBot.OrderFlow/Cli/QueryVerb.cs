using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MoneyBot.OrderFlow.Api;

namespace MoneyBot.OrderFlow.Cli;

/// <summary>
/// <c>orderflow query status|metrics|conditions|series</c>: asks the running bot's HTTP API and prints its JSON,
/// indented, for scripts. Exit 0 with the JSON; exit 1 with a message on stderr when the bot does not
/// answer or the API refuses the question (its message says what it accepts).
/// </summary>
internal static class QueryVerb
{
    /// <summary>How long the bot has to answer.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var what = new Argument<string>("what")
        {
            Description = "What to ask: status (the bot and its feeds), metrics, conditions or series (of one symbol)",
        }.AcceptOnlyFromAmong("status", "metrics", "conditions", "series");
        var symbol = new Option<string>("--symbol")
        {
            Description = "The symbol, for metrics, conditions and series",
            HelpName = "symbol",
            DefaultValueFactory = _ => "BTCUSDT",
        };
        var window = new Option<string?>("--window")
        {
            Description =
                "Window, e.g. 45s, 2m, 300s (metrics: default 30s,60s,300s, several comma-separated; conditions: "
                + "default 300s)",
            HelpName = "duration",
        };
        var price = OptionFactory.Number("--price", "Price the absorption-zone conditions look around", 0m);
        var tolerance = OptionFactory.Number(
            "--tolerance",
            "How near a zone counts as near, in price units (default: the absorption tolerance)",
            0m
        );
        var name = new Option<string?>("--name")
        {
            Description = "One condition, e.g. delta_positive (default: all)",
            HelpName = "condition",
        };
        var bucket = new Option<string?>("--bucket")
        {
            Description = "Series: the delta bucket, e.g. 10s, 60s, 5m (default 60s)",
            HelpName = "duration",
        };
        var bars = new Option<int?>("--bars")
        {
            Description = "Series: how many of the newest one-minute CVD bars, 1 to 1440 (default 120)",
            HelpName = "count",
        };
        var url = new Option<Uri>("--url")
        {
            Description = "The bot's API",
            HelpName = "url",
            DefaultValueFactory = _ => OrderFlowApiOptions.DefaultListenUrl,
            CustomParser = ParseUrl,
        };
        var command = new Command(
            "query",
            "Ask the running order-flow bot (its HTTP API) for its status, a symbol's metrics, conditions or "
                + "series, and print the JSON."
        )
        {
            what,
            symbol,
            window,
            price,
            tolerance,
            name,
            bucket,
            bars,
            url,
        };
        command.SetAction(
            async (p, ct) =>
            {
                var kind = p.GetValue(what)!;
                // Each option with the questions it applies to (--symbol, ignored by status, and --url: any).
                var options = new (string Name, bool Given, string[] For)[]
                {
                    ("--window", p.GetValue(window) is not null, ["metrics", "conditions"]),
                    ("--price", p.GetValue(price) is not null, ["conditions"]),
                    ("--tolerance", p.GetValue(tolerance) is not null, ["conditions"]),
                    ("--name", p.GetValue(name) is not null, ["conditions"]),
                    ("--bucket", p.GetValue(bucket) is not null, ["series"]),
                    ("--bars", p.GetValue(bars) is not null, ["series"]),
                };
                if (options.FirstOrDefault(o => o.Given && !o.For.Contains(kind)).Name is { } option)
                {
                    await error.WriteLineAsync($"orderflow query {kind}: {option} does not apply to {kind}");
                    return ExitCodes.Usage;
                }

                var path = kind switch
                {
                    "status" => "status",
                    "metrics" => $"metrics/{Uri.EscapeDataString(p.GetValue(symbol)!)}"
                        + Query(("window", p.GetValue(window))),
                    "series" => $"series/{Uri.EscapeDataString(p.GetValue(symbol)!)}"
                        + Query(
                            ("bucket", p.GetValue(bucket)),
                            ("bars", p.GetValue(bars)?.ToString(CultureInfo.InvariantCulture))
                        ),
                    _ => $"conditions/{Uri.EscapeDataString(p.GetValue(symbol)!)}"
                        + Query(
                            ("window", p.GetValue(window)),
                            ("price", Text(p.GetValue(price))),
                            ("tolerance", Text(p.GetValue(tolerance))),
                            ("name", p.GetValue(name))
                        ),
                };
                return await AskAsync(p.GetValue(url)!, path, output, error, ct);
            }
        );
        return command;
    }

    private static async Task<int> AskAsync(
        Uri baseUrl,
        string path,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken
    )
    {
        var url = new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), path);
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await client.GetAsync(url, timeout.Token);
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        }
        catch (Exception ex)
            when (ex is HttpRequestException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            )
        {
            // Refused, reset or silent: the bot is not there (or not this bot); the caller is told how to check.
            var why =
                ex is OperationCanceledException ? $"no answer within {AnswerTimeout.TotalSeconds:0} s" : ex.Message;
            await error.WriteLineAsync(
                $"orderflow query: no order-flow bot answers at {baseUrl}: is it running? (./moneybot status "
                    + $"orderflow) [{why}]"
            );
            return ExitCodes.Failed;
        }

        using (response)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                await error.WriteLineAsync(
                    $"orderflow query: {baseUrl} answered HTTP {(int)response.StatusCode} without JSON: is that "
                        + $"the order-flow bot's API?"
                );
                return ExitCodes.Failed;
            }

            using (document)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var root = document.RootElement;
                    var message =
                        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e)
                            ? e.GetString()
                            : null;
                    var accepted =
                        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("accepted", out var a)
                            ? a.GetString()
                            : null;
                    await error.WriteLineAsync(
                        $"orderflow query: {message ?? $"HTTP {(int)response.StatusCode}"}"
                            + (accepted is null ? string.Empty : $" (accepted: {accepted})")
                    );
                    return ExitCodes.Failed;
                }

                await output.WriteLineAsync(Indented(document));
                return ExitCodes.Success;
            }
        }
    }

    private static string Indented(JsonDocument document)
    {
        using var buffer = new MemoryStream();
        using (
            var writer = new Utf8JsonWriter(
                buffer,
                new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
            )
        )
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Uri ParseUrl(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return OrderFlowApiOptions.DefaultListenUrl;
        }

        var token = result.Tokens[0].Value.Trim();
        if (
            Uri.TryCreate(token, UriKind.Absolute, out var url)
            && url.Scheme is "http" or "https"
            && url.Query.Length == 0
        )
        {
            return url;
        }

        result.AddError(
            $"--url: '{token}' is not valid (expected an http:// URL like {OrderFlowApiOptions.DefaultListenUrl})"
        );
        return OrderFlowApiOptions.DefaultListenUrl;
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return given.Count == 0 ? string.Empty : "?" + string.Join('&', given);
    }
}
