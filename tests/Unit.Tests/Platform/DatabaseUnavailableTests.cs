using System.Net.Sockets;
using System.Text.Json;
using Community.Persistence;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Community.Unit.Tests.Platform;

public sealed class DatabaseUnavailableTests
{
    private static async Task<(bool Handled, HttpContext Context, JsonElement? Body)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new DatabaseUnavailableHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<DatabaseUnavailableHandler>.Instance);

        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);

        context.Response.Body.Position = 0;
        var body = context.Response.Body.Length > 0 ? JsonDocument.Parse(context.Response.Body).RootElement : (JsonElement?)null;
        return (handled, context, body);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_a_503_with_Retry_After_not_a_500()
    {
        var lost = new InvalidOperationException("query failed", new NpgsqlException("Exception while reading from stream", new SocketException((int)SocketError.ConnectionRefused)));

        var (handled, context, body) = await HandleAsync(lost);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(ProblemTypes.Unavailable, body!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Other_failures_are_left_to_the_other_handlers()
    {
        var (handled, context, _) = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.False(handled);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }
}
