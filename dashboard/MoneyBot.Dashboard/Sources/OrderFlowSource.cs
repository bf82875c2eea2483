namespace MoneyBot.Dashboard.Sources;

/// <summary>An answer of the order-flow API as it came (JSON text), or why there is none.</summary>
internal sealed record ApiAnswer(string? Json, string? Error);

/// <summary>
/// The order-flow bot's read-only HTTP API: <c>/status</c>, <c>/metrics/{symbol}</c> and <c>/series/{symbol}</c>.
/// Answers are passed on as they are; only their being JSON is checked.
/// </summary>
internal sealed class OrderFlowSource(HttpClient http)
{
    /// <summary>GETs <paramref name="path"/> of the API at <paramref name="api"/>.</summary>
    public async Task<ApiAnswer> GetAsync(Uri api, string path, CancellationToken cancellationToken)
    {
        var url = new Uri(api, path);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await http.GetAsync(url, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new ApiAnswer(
                    null,
                    $"the order-flow API answered {(int)response.StatusCode} to {url}: {Trim(body)}"
                );
            }

            using var check = System.Text.Json.JsonDocument.Parse(body);
            return check.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? new ApiAnswer(body, null)
                : new ApiAnswer(null, $"the order-flow API answered {url} with JSON that is not an object");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiAnswer(null, $"the order-flow API did not answer {url} within 3 s");
        }
        catch (HttpRequestException e)
        {
            return new ApiAnswer(null, $"the order-flow API is unreachable at {api}: {e.Message}");
        }
        catch (System.Text.Json.JsonException e)
        {
            return new ApiAnswer(
                null,
                $"the order-flow API answered {url} with something that is not JSON: {e.Message}"
            );
        }
    }

    private static string Trim(string body) => body.Length > 200 ? body[..200] + "..." : body;
}
