using Microsoft.AspNetCore.Http;

namespace MoneyBot.OrderFlow.Api;

/// <summary>A request the API refuses: the HTTP status, what is wrong, and what is accepted.</summary>
/// <param name="Status">400 for a bad parameter, 404 for an unknown symbol or path.</param>
/// <param name="Error">What is wrong, e.g. "unknown symbol 'XRPUSDT'".</param>
/// <param name="Accepted">What would be accepted instead, e.g. "BTCUSDT, ETHUSDT".</param>
internal sealed record ApiProblem(int Status, string Error, string Accepted)
{
    public static ApiProblem BadRequest(string error, string accepted) =>
        new(StatusCodes.Status400BadRequest, error, accepted);

    public static ApiProblem NotFound(string error, string accepted) =>
        new(StatusCodes.Status404NotFound, error, accepted);
}
