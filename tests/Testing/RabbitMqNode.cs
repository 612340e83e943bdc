using RabbitMQ.Client;

namespace Community.Testing;

/// <summary>
/// A private RabbitMQ node on free ports, which a test can stop and start again (same data, same ports) to
/// play a broker outage.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string User = "community";
    private const string Password = "test-password";
    private readonly string _directory;
    private readonly string _passwordFile;
    private readonly string _nodeName;
    private readonly int _managementPort;
    private readonly int _distributionPort;
    private ServerProcess? _process;

    private RabbitMqNode(string directory, string passwordFile)
    {
        _directory = directory;
        _passwordFile = passwordFile;
        _nodeName = $"test-{Guid.NewGuid():N}"[..17] + "@localhost";
        Port = FreePorts.Next();
        _managementPort = FreePorts.Next();
        _distributionPort = FreePorts.Next();
    }

    public int Port { get; }

    public string ConnectionString => $"amqp://{User}:{Password}@127.0.0.1:{Port}/";

    /// <summary>The node's management API, for services that manage users and virtual hosts (the partners' AMQP access).</summary>
    public string ManagementUrl => $"http://127.0.0.1:{_managementPort}/";

    /// <summary>
    /// A virtual host of its own for one test fixture: its exchanges and queues are invisible to every other
    /// fixture on this node, so two hosts of the same service never compete for each other's messages.
    /// </summary>
    public async Task<string> NewVirtualHostAsync()
    {
        var vhost = $"test-{Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_managementPort}/api/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{User}:{Password}")));
        (await http.PutAsync($"vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsync($"permissions/{vhost}/{User}", new StringContent(
            """{"configure":".*","write":".*","read":".*"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return $"amqp://{User}:{Password}@127.0.0.1:{Port}/{vhost}";
    }

    public static Task<RabbitMqNode> StartAsync() => FreshPorts.StartAsync(StartOnceAsync, "RabbitMQ");

    private static async Task<RabbitMqNode> StartOnceAsync()
    {
        var directory = Directory.CreateTempSubdirectory("community-rmq-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        var node = new RabbitMqNode(directory, passwordFile);
        try
        {
            await node.StartAgainAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node (again) and waits until it accepts AMQP connections.</summary>
    public async Task StartAgainAsync()
    {
        var process = ServerProcess.Start("rabbitmq.sh", Path.Combine(_directory, "node"), _nodeName, Port.ToString(),
            _managementPort.ToString(), _distributionPort.ToString(), User, _passwordFile);
        _process = process;
        await Eventually.True(async () =>
        {
            await using var connection = await Connect();
            return connection.IsOpen;
        }, TimeSpan.FromSeconds(90), "RabbitMQ to accept connections", () => process.HasExited
            ? new ServerExitedException("RabbitMQ exited:\n" + process.Output)
            : null);
    }

    /// <summary>Kills the node with SIGKILL (no shutdown, nothing flushed on the way out); start it again to recover.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Stops the node cleanly; queued durable messages survive for the next start.</summary>
    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public async Task<IConnection> Connect(string? connectionString = null) =>
        await new ConnectionFactory { Uri = new Uri(connectionString ?? ConnectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(2) }
            .CreateConnectionAsync();

    /// <summary>Takes every message waiting in a queue (e.g. an <c>_error</c> queue), or none if it does not exist.</summary>
    public async Task<IReadOnlyList<BasicGetResult>> DrainQueueAsync(string connectionString, string queue)
    {
        await using var connection = await Connect(connectionString);
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<BasicGetResult>();
        try
        {
            await channel.QueueDeclarePassiveAsync(queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return messages;
        }

        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
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
