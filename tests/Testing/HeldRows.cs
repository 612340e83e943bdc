using Community.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Testing;

/// <summary>
/// Makes two announcements about the same read-model rows race, on purpose: the test holds the rows (<c>FOR UPDATE</c>)
/// while a newer announcement and then an older one arrive, so their consumers run side by side and both wait on the
/// rows; released, they commit in either order. A consumer that reads a row without locking it decided on the row as it
/// was before the hold, and whichever commits last wins, older or not. One that locks the row reads what the other
/// committed, and an older announcement leaves a newer row alone.
/// </summary>
public static class HeldRows
{
    /// <param name="services">The service under test (its bus and its DbContext).</param>
    /// <param name="holdRows">Locks the rows both announcements are about: <c>SELECT 1 FROM … FOR UPDATE</c>.</param>
    /// <param name="newer">Publishes the newer announcements; they arrive first.</param>
    /// <param name="older">Publishes the older ones, half a second later.</param>
    /// <param name="messageType">The announcements' type, counted in the inbox to know both were consumed.</param>
    /// <param name="count">How many of that type the two publish together.</param>
    public static async Task RaceAsync<TDb>(IServiceProvider services, FormattableString holdRows, Func<IBus, Task> newer, Func<IBus, Task> older,
        string messageType, int count)
        where TDb : DbContext, IMessagingDbContext
    {
        var before = await CountAsync<TDb>(services, messageType);
        var bus = services.GetRequiredService<IBus>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            await using var holding = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync(holdRows);
            await newer(bus);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await older(bus);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await holding.CommitAsync();
        }

        await ConsumedAsync<TDb>(services, messageType, before + count);
    }

    /// <summary>
    /// Races a request against another writer, on purpose: the test holds a row (<paramref name="holdRow"/>, a
    /// <c>SELECT … FOR UPDATE</c>), starts <paramref name="request"/>, waits until a statement like
    /// <paramref name="waitingStatement"/> (a SQL <c>LIKE</c> pattern) is seen waiting for a lock in
    /// <c>pg_stat_activity</c>, then makes the other writer's change (<paramref name="meanwhile"/>, given the holding
    /// context) and commits. A request that did not wait for the row fails the test here, by timing out.
    /// </summary>
    /// <param name="waiters">How many statements like that must be seen waiting (two requests racing each other: 2).</param>
    /// <returns>The request's answer, once the hold is released.</returns>
    public static async Task<T> WhileWaitingAsync<TDb, T>(IServiceProvider services, FormattableString holdRow, Func<Task<T>> request,
        string waitingStatement, Func<TDb, Task> meanwhile, int waiters = 1)
        where TDb : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        Task<T> answer;
        await using (var holding = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync(holdRow);
            answer = request();
            await Eventually.True(async () =>
            {
                await using var look = services.CreateAsyncScope();
                return await look.ServiceProvider.GetRequiredService<TDb>().Database.SqlQuery<int>(
                    $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE {waitingStatement}").SingleAsync() >= waiters;
            }, TimeSpan.FromSeconds(30), $"{waiters} statement(s) like '{waitingStatement}' waiting for the held row");
            await meanwhile(db);
            await holding.CommitAsync();
        }

        return await answer;
    }

    /// <summary>Publishes <paramref name="count"/> messages of <paramref name="messageType"/> and waits until the service has consumed them.</summary>
    public static async Task ConsumeAsync<TDb>(IServiceProvider services, string messageType, int count, Func<IBus, Task> publish)
        where TDb : DbContext, IMessagingDbContext
    {
        var before = await CountAsync<TDb>(services, messageType);
        await publish(services.GetRequiredService<IBus>());
        await ConsumedAsync<TDb>(services, messageType, before + count);
    }

    /// <summary>
    /// Waits until the inbox holds <paramref name="total"/> messages of <paramref name="messageType"/> in all. A
    /// consumer's inbox row commits in the transaction of its effect: counted, the effect is there.
    /// </summary>
    public static Task ConsumedAsync<TDb>(IServiceProvider services, string messageType, int total)
        where TDb : DbContext, IMessagingDbContext =>
        Eventually.True(async () => await CountAsync<TDb>(services, messageType) >= total, TimeSpan.FromSeconds(30), $"{total} {messageType} consumed in all");

    /// <summary>How many messages of <paramref name="messageType"/> the service has consumed so far.</summary>
    public static async Task<int> CountAsync<TDb>(IServiceProvider services, string messageType)
        where TDb : DbContext, IMessagingDbContext
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TDb>().InboxMessages.CountAsync(m => m.MessageType == messageType);
    }
}
