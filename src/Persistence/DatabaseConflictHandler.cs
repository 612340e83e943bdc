using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Community.Persistence;

/// <summary>
/// The last line of the database's rules, for what no endpoint translated itself: a unique, exclusion, foreign-key or
/// check violation is a conflict (409); a value the column cannot hold (too long, out of range) is a bad request (400)
/// — never a 500. The answer does not name the database's constraint or column (that is the schema, not the client's
/// business); the log does, with the trace id, for whoever fixes the endpoint.
/// </summary>
internal sealed partial class DatabaseConflictHandler(IProblemDetailsService problems, ILogger<DatabaseConflictHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // From a save, or from a write done in SQL (a hot path's batch) that throws the server's error as it is.
        var postgres = exception switch
        {
            DbUpdateException { InnerException: PostgresException inner } => inner,
            PostgresException bare => bare,
            _ => null,
        };
        if (postgres is null)
        {
            return false;
        }

        var (status, title, detail, type) = postgres.SqlState switch
        {
            _ when IsConflict(postgres.SqlState) => (StatusCodes.Status409Conflict, "The change conflicts with existing data.",
                "Another change got there first, or what this refers to is missing or still in use. Reload and try again.", ProblemTypes.Conflict),
            PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.NumericValueOutOfRange or PostgresErrorCodes.DatetimeFieldOverflow =>
                (StatusCodes.Status400BadRequest, "A value does not fit.", "A text is longer, or a number or date larger, than the record can hold.", ProblemTypes.BadRequest),
            _ => (0, "", "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        LogUntranslated(postgres.SqlState, postgres.ConstraintName ?? postgres.ColumnName ?? "", postgres.TableName ?? "", httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = type },
        });
    }

    public static bool IsConflict(string sqlState) =>
        sqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation
            or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.CheckViolation;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A database rule no endpoint translated was broken: SQLSTATE {SqlState} on '{Constraint}' of '{Table}' at {Path}; answered as a problem, the endpoint should say it in its own words.")]
    private partial void LogUntranslated(string sqlState, string constraint, string table, string path);
}
