using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Persistence;

/// <summary>
/// The last line of the database's rules: a unique or exclusion violation that an endpoint did not
/// translate itself is still a conflict (409), never a 500.
/// </summary>
internal sealed class DatabaseConflictHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateException { InnerException: PostgresException postgres } ||
            !IsConflict(postgres.SqlState))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The change conflicts with existing data.",
                Detail = $"Rule '{postgres.ConstraintName}' would be broken.",
                Type = ProblemTypes.Conflict,
            },
        });
    }

    public static bool IsConflict(string sqlState) =>
        sqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation
            or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.CheckViolation;
}
