using System.Text.Json;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// Answers Binance's live subscription requests: <c>SUBSCRIBE</c>, <c>UNSUBSCRIBE</c> (answer
/// <c>{"result":null,"id":..}</c>) and <c>LIST_SUBSCRIPTIONS</c>; anything else gets an error
/// <c>{"code":..,"msg":..,"id":..}</c>.
/// </summary>
internal sealed class ClientRequests(SimulatedMarkets markets)
{
    public byte[]? Handle(StreamConnection connection, byte[] text)
    {
        ClientRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(text, SimJsonContext.Default.ClientRequest);
        }
        catch (JsonException e)
        {
            return StreamPayloads.Error(null, 3, $"Invalid JSON: {e.Message}");
        }

        if (request is null)
        {
            return StreamPayloads.Error(null, 3, "Invalid JSON: expected an object.");
        }

        switch (request.Method)
        {
            case "LIST_SUBSCRIPTIONS":
                return StreamPayloads.Result(request.Id, connection.Streams);
            case "SUBSCRIBE" or "UNSUBSCRIBE":
                if (!TryParseNames(request.Params, connection.Market, out var names, out var error))
                {
                    return StreamPayloads.Error(request.Id, 2, $"Invalid request: {error}");
                }

                if (request.Method == "SUBSCRIBE")
                {
                    connection.Subscribe(names);
                }
                else
                {
                    connection.Unsubscribe(names);
                }

                return StreamPayloads.Result(request.Id, null);
            default:
                return StreamPayloads.Error(
                    request.Id,
                    2,
                    $"Invalid request: unknown method '{request.Method}'; use SUBSCRIBE, UNSUBSCRIBE or "
                        + $"LIST_SUBSCRIPTIONS."
                );
        }
    }

    private bool TryParseNames(JsonElement? parameters, StreamMarket market, out List<string> names, out string error)
    {
        names = [];
        error = "params must be an array of stream names.";
        if (parameters is not { ValueKind: JsonValueKind.Array } array)
        {
            return false;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (
                item.ValueKind != JsonValueKind.String
                || !StreamName.TryParse(item.GetString()!, markets, market, out var name, out error)
            )
            {
                return false;
            }

            names.Add(name.Text);
        }

        return true;
    }
}
