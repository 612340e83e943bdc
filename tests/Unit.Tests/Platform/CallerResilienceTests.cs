using System.Net;
using System.Net.Http.Headers;
using Community.ServiceDefaults.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly;

namespace Community.Unit.Tests.Platform;

/// <summary>
/// The HTTP clients' shared circuit breaker, through the real pipeline every process builds (AddHostDefaults): one
/// account's 429s from the gateway do not cut everybody else off; a failing service still does.
/// </summary>
public sealed class CallerResilienceTests
{
    /// <summary>The far side of the client: answers whatever the test says, a 429 with "retry now".</summary>
    private sealed class Downstream(Func<HttpStatusCode> status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status());
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
            }

            return Task.FromResult(response);
        }
    }

    [Fact]
    public async Task One_callers_burst_of_429s_does_not_open_the_circuit_every_caller_shares()
    {
        var status = HttpStatusCode.TooManyRequests;
        var builder = Host.CreateApplicationBuilder();
        builder.AddHostDefaults();
        builder.Services.AddHttpClient("gateway", http => http.BaseAddress = new Uri("http://localhost"))
            .ConfigurePrimaryHttpMessageHandler(() => new Downstream(() => status));
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("gateway");

        // Well over the breaker's minimum throughput (100 in its 30 s window), every attempt refused.
        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/activities/sessions")).StatusCode);
        }

        // The next person's request goes through (before, a BrokenCircuitException for everyone for 5 s).
        status = HttpStatusCode.OK;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/activities/sessions")).StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void A_failing_service_counts_against_the_circuit_a_limited_caller_does_not(HttpStatusCode status, bool breaks)
    {
        Assert.Equal(breaks, CallerResilience.BreaksCircuit(Outcome.FromResult(new HttpResponseMessage(status))));
    }

    [Fact]
    public void A_service_that_cannot_be_reached_counts_against_it()
    {
        Assert.True(CallerResilience.BreaksCircuit(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection refused"))));
    }
}
