using Npgsql;

namespace Community.Testing;

/// <summary>
/// A throw-away PostgreSQL 15 server (durability off for speed, unless asked for) in a temporary folder on a free port.
/// Tests get a fresh database each, so they never see each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Password = "test-password";
    private readonly string _directory;
    private readonly string _mode;
    private ServerProcess _process;

    private PostgresServer(ServerProcess process, string directory, int port, string mode)
    {
        _process = process;
        _directory = directory;
        Port = port;
        _mode = mode;
    }

    public int Port { get; }

    /// <param name="durable">Commits flushed to the log before they are acknowledged, as the system runs (a test that crashes the
    /// server needs it: without it, a commit acknowledged in the last moments before a kill is lost with the server's memory).</param>
    public static Task<PostgresServer> StartAsync(bool durable = false) =>
        FreshPorts.StartAsync(() => StartOnceAsync(durable), "PostgreSQL");

    private static async Task<PostgresServer> StartOnceAsync(bool durable)
    {
        var directory = Directory.CreateTempSubdirectory("community-pg-").FullName;
        // The server runs as the postgres user, which must be able to reach its folder.
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        File.SetUnixFileMode(passwordFile, (UnixFileMode)0b110_100_100);

        var port = FreePorts.Next();
        var mode = durable ? "durable" : "fast";
        var server = new PostgresServer(Launch(directory, port, mode), directory, port, mode);
        try
        {
            await server.WaitUntilUpAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server and its backends with SIGKILL, as a crash would; <see cref="StartAgainAsync"/> recovers it from its log.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Starts the server again on the same folder and port, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = Launch(_directory, Port, _mode);
        await WaitUntilUpAsync();
    }

    private static ServerProcess Launch(string directory, int port, string mode) =>
        ServerProcess.Start("postgres.sh", Path.Combine(directory, "data"), port.ToString(), Path.Combine(directory, "password"), mode);

    private Task WaitUntilUpAsync() => Eventually.True(async () =>
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Timeout=2");
        await connection.OpenAsync();
        return true;
    }, TimeSpan.FromSeconds(60), "PostgreSQL to accept connections", () => _process.HasExited
        ? new ServerExitedException("PostgreSQL exited:\n" + _process.Output)
        : null);

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database}";

    /// <summary>A connection string to a database name no other test uses (the service's migrations create it).</summary>
    public string NewDatabase(string prefix) => ConnectionString($"{prefix}_{Guid.NewGuid():N}");

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
