using Npgsql;

namespace Community.Testing;

/// <summary>
/// A throw-away PostgreSQL 15 server (durability off for speed) in a temporary folder on a free port.
/// Tests get a fresh database each, so they never see each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Password = "test-password";
    private readonly ServerProcess _process;
    private readonly string _directory;

    private PostgresServer(ServerProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("community-pg-").FullName;
        // The server runs as the postgres user, which must be able to reach its folder.
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        File.SetUnixFileMode(passwordFile, (UnixFileMode)0b110_100_100);

        var port = FreePorts.Next();
        var process = ServerProcess.Start("postgres.sh", Path.Combine(directory, "data"), port.ToString(), passwordFile, "fast");
        var server = new PostgresServer(process, directory, port);
        await Eventually.True(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("PostgreSQL exited:\n" + process.Output);
            }

            await using var connection = new NpgsqlConnection(server.ConnectionString("postgres") + ";Timeout=2");
            await connection.OpenAsync();
            return true;
        }, TimeSpan.FromSeconds(60), "PostgreSQL to accept connections");
        return server;
    }

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
