using System.Text.Json;
using Community.Services.Grid.Data;
using Community.Testing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Community.Services.Grid.Tests;

/// <summary>The service's last line for database rules no endpoint translated: a problem in plain words, never the schema's names.</summary>
public sealed class DatabaseRulesTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation, 409)]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation, 409)]
    [InlineData(PostgresErrorCodes.StringDataRightTruncation, 400)]
    [InlineData(PostgresErrorCodes.NumericValueOutOfRange, 400)]
    public async Task A_broken_rule_no_endpoint_translated_is_a_problem_that_names_no_constraint_or_column(string sqlState, int status)
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IExceptionHandler>().Single(h => h.GetType().Name == "DatabaseConflictHandler");
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/requests";
        context.Response.Body = new MemoryStream();
        var violation = new DbUpdateException("saving failed", new PostgresException("violates a rule", "ERROR", "ERROR", sqlState,
            constraintName: "ix_secret_schema_rule", tableName: "secret_table", columnName: "secret_column"));

        Assert.True(await handler.TryHandleAsync(context, violation, CancellationToken.None));

        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Equal(status, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.DoesNotContain("secret", body);
    }
}
