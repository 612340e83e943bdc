using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Community.ServiceDefaults.Http;

/// <summary>
/// What counts against the circuit breaker that every caller of one HTTP client shares. The web app calls the gateway
/// for everybody through one client, and the gateway answers 429 to one account that goes over its own limit: that is
/// the door limiting that person, not a failing service. Counted as a failure (the standard handler's default), one
/// person's burst of clicks opened the circuit and cut every other web user off for the break (found by a probe that
/// crawled the pages as one person). A 429 is still retried after its <c>Retry-After</c>.
/// </summary>
public static class CallerResilience
{
    public static bool BreaksCircuit(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(outcome);

    public static void Configure(HttpStandardResilienceOptions options) =>
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(BreaksCircuit(args.Outcome));
}
