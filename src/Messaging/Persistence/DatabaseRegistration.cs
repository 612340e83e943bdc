using Community.Messaging.Outbox;
using Community.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Community.Messaging.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (see <see cref="PostgresDatabase.AddPostgresDatabase{TContext}"/>)
    /// with the outbox signal that wakes the relay as soon as a transaction holding events commits.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext, IMessagingDbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        return builder.AddPostgresDatabase<TContext>(connectionName,
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>()));
    }
}
