using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Community.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// Applies <typeparamref name="TContext"/>'s migrations before the service listens, and answers a broken
    /// database rule that no endpoint translated with a 409 instead of a 500.
    /// </summary>
    public static IHostApplicationBuilder AddMigrationsAndConflicts<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddHostedService<MigrationRunner<TContext>>();
        builder.Services.AddExceptionHandler<DatabaseConflictHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        return builder;
    }
}
