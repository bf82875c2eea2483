using System.Net.Sockets;
using MoneyBot.Bots.Tests.OrderFlow.Conditions;
using MoneyBot.OrderFlow.Api;

namespace MoneyBot.Bots.Tests.OrderFlow.Api;

public sealed class ApiHostTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("http://0.0.0.0:8091")]
    [InlineData("http://192.168.1.5:8091")]
    [InlineData("https://127.0.0.1:8091")]
    public async Task A_listen_url_off_loopback_is_refused_with_a_clear_error(string url)
    {
        // Arrange
        var rig = new BoardRig();
        var options = new OrderFlowApiOptions { ListenUrl = new Uri(url) };

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            OrderFlowApiHost.StartAsync(options, rig.Board, () => [])
        );

        // Assert
        Assert.Contains("must be http on a loopback address", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{new Uri(url)}'", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_host_reports_the_port_it_bound_and_stops_listening_when_disposed_twice()
    {
        // Arrange
        var rig = new BoardRig();
        var host = await OrderFlowApiHost.StartAsync(
            new OrderFlowApiOptions { ListenUrl = new Uri("http://localhost:0") },
            rig.Board,
            () => []
        );
        var url = host.BaseUrl;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(url.Host, url.Port);
        }

        // Act
        await host.DisposeAsync();
        await host.DisposeAsync();

        // Assert
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
        using var after = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => after.ConnectAsync(url.Host, url.Port));
    }

    [Fact(Timeout = 30_000)]
    public async Task Writing_is_refused_because_the_api_is_read_only()
    {
        // Arrange
        await using var rig = await ApiRig.StartAsync();

        // Act
        using var response = await rig.Http.PostAsync(new Uri("status", UriKind.Relative), null);

        // Assert
        Assert.True((int)response.StatusCode is 404 or 405, $"{(int)response.StatusCode}");
    }
}
