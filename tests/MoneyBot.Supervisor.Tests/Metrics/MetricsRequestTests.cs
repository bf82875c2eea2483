using System.Text;
using MoneyBot.Supervisor.Metrics;

namespace MoneyBot.Supervisor.Tests.Metrics;

/// <summary>How the metrics endpoint answers a request head (read strictly).</summary>
public sealed class MetricsRequestTests
{
    [Theory]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:9109\r\nAccept: */*", 200, false)]
    [InlineData("HEAD /metrics HTTP/1.1\r\nHost: x", 200, true)]
    [InlineData("GET /metrics?name[]=up HTTP/1.0", 200, false)]
    [InlineData("GET / HTTP/1.1\r\nHost: x", 404, false)]
    [InlineData("GET /metrics/ HTTP/1.1", 404, false)]
    [InlineData("GET /Metrics HTTP/1.1", 404, false)]
    [InlineData("POST /metrics HTTP/1.1\r\nContent-Length: 3", 405, false)]
    [InlineData("DELETE /metrics HTTP/1.1", 405, false)]
    [InlineData("get /metrics HTTP/1.1", 405, false)]
    [InlineData("POST /other HTTP/1.1", 404, false)]
    [InlineData("GET /metrics HTTP/2.0", 505, false)]
    [InlineData("GET /metrics HTTP/1.1 extra", 400, false)]
    [InlineData("GET /metrics", 400, false)]
    [InlineData("GET  /metrics HTTP/1.1", 400, false)]
    [InlineData("GET http://x/metrics HTTP/1.1", 400, false)]
    [InlineData("GET /met\u0001rics HTTP/1.1", 400, false)]
    [InlineData("G(T /metrics HTTP/1.1", 400, false)]
    [InlineData("GET /metrics HTTP/1.1\r\nNo colon here", 400, false)]
    [InlineData("GET /metrics HTTP/1.1\r\nHost : x", 400, false)]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\r\n folded", 400, false)]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\ny: z", 400, false)]
    [InlineData("", 400, false)]
    public void A_request_head_gets_the_right_status(string head, int status, bool isHead)
    {
        Assert.Equal((status, isHead), MetricsRequest.Answer(Encoding.UTF8.GetBytes(head)));
    }
}
