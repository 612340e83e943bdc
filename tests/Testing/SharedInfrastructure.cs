namespace Community.Testing;

/// <summary>
/// One PostgreSQL server and one RabbitMQ node per test assembly, started on first use and stopped when the
/// test run ends. Tests stay isolated by database name and queue name, not by server.
/// </summary>
public sealed class SharedInfrastructure : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static SharedInfrastructure? _instance;

    private SharedInfrastructure(PostgresServer postgres, RabbitMqNode rabbitMq)
    {
        Postgres = postgres;
        RabbitMq = rabbitMq;
    }

    public PostgresServer Postgres { get; }

    public RabbitMqNode RabbitMq { get; }

    public static async Task<SharedInfrastructure> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_instance is null)
            {
                var postgresStart = PostgresServer.StartAsync();
                var rabbitStart = RabbitMqNode.StartAsync();
                _instance = new SharedInfrastructure(await postgresStart, await rabbitStart);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _instance.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return _instance;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync() =>
        // Both at once: the test host gives exit handlers little time (the scripts' watchdogs cover the rest).
        await Task.WhenAll(RabbitMq.DisposeAsync().AsTask(), Postgres.DisposeAsync().AsTask());
}
