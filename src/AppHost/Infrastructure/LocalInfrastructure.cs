using Community.AppHost.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace Community.AppHost.Infrastructure;

/// <summary>
/// Local mode: the machine's PostgreSQL 15 and RabbitMQ run as Aspire executables through the scripts in
/// <c>scripts/local</c>, keeping their data under the data folder, on ports that leave a system PostgreSQL
/// (5432) and RabbitMQ (5672) alone.
/// </summary>
public static class LocalInfrastructure
{
    public const string PostgresBinary = "/usr/lib/postgresql/15/bin/postgres";
    public const string RabbitMqBinary = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static InfrastructureResources Add(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        var config = builder.Configuration;
        var postgresBinary = Path.Combine(PostgresBinDirectory(config), "postgres");
        if (!File.Exists(postgresBinary))
        {
            throw new MissingPrerequisiteException(
                $"Local mode needs PostgreSQL 15 ({postgresBinary} is missing): install it with 'apt-get install -y postgresql-15', or choose another mode with Infrastructure:Mode.");
        }

        if (!File.Exists(RabbitMqBinary))
        {
            throw new MissingPrerequisiteException(
                "Local mode needs RabbitMQ (rabbitmq-server is missing): install it with 'apt-get install -y rabbitmq-server' (./run.sh does this), or choose another mode with Infrastructure:Mode.");
        }

        var scripts = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", "scripts", "local"));

        var postgres = AddPostgres(builder, dataDirectory, scripts);
        var activities = AddDatabase(builder, postgres, InfrastructureExtensions.ActivitiesDb);
        var grid = AddDatabase(builder, postgres, InfrastructureExtensions.GridDb);
        var volunteers = AddDatabase(builder, postgres, InfrastructureExtensions.VolunteersDb);
        var identity = AddDatabase(builder, postgres, InfrastructureExtensions.IdentityDb);
        var notices = AddDatabase(builder, postgres, InfrastructureExtensions.NoticesDb);
        var partners = AddDatabase(builder, postgres, InfrastructureExtensions.PartnersDb);
        var broker = AddRabbitMq(builder, dataDirectory, scripts);

        return new InfrastructureResources(InfrastructureMode.Local, dataDirectory, activities, grid, volunteers, identity, notices, partners, broker,
            broker.GetEndpoint(LocalRabbitMqServerResource.ManagementEndpointName));
    }

    private static string PostgresBinDirectory(IConfiguration config) =>
        config["Infrastructure:Postgres:BinDirectory"] ?? "/usr/lib/postgresql/15/bin";

    private static IResourceBuilder<LocalPostgresServerResource> AddPostgres(
        IDistributedApplicationBuilder builder, string dataDirectory, string scripts)
    {
        var config = builder.Configuration;
        var port = config.GetValue("Infrastructure:Postgres:Port", 55432);
        var durable = config.GetValue("Infrastructure:Postgres:Durable", true);
        var passwordValue = Secrets.GetOrCreate(dataDirectory, "postgres-password");
        var passwordFile = Path.Combine(dataDirectory, "secrets", "postgres-password");
        var password = builder.AddParameter("postgres-password", passwordValue, secret: true);

        var server = new LocalPostgresServerResource("postgres", "bash", scripts, password.Resource);
        var resource = builder.AddResource(server)
            .WithArgs(Path.Combine(scripts, "postgres.sh"), Path.Combine(dataDirectory, "postgres"), port.ToString(),
                passwordFile, durable ? "durable" : "fast")
            // The binaries checked above are the ones the script runs.
            .WithEnvironment("POSTGRES_BIN", PostgresBinDirectory(config))
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresServerResource.EndpointName, isProxied: false)
            .WithHealthCheck(AddConnectCheck(builder, "postgres-accepts-connections", async cancellationToken =>
            {
                var connectionString = await server.ConnectionStringFor("postgres").GetValueAsync(cancellationToken);
                await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3");
                await connection.OpenAsync(cancellationToken);
            }))
            .WithBackupCommand(PostgresBinDirectory(config), dataDirectory, port);
        return resource;
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddDatabase(
        IDistributedApplicationBuilder builder, IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        // The service creates its database with its first migration; the resource stands for it in the
        // dashboard and is "running" once the server accepts connections.
        var database = builder.AddResource(new LocalPostgresDatabaseResource(name, name, server.Resource))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            });
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (ready, _) =>
        {
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            await notifications.PublishUpdateAsync(database.Resource, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });
        return database;
    }

    private static IResourceBuilder<LocalRabbitMqServerResource> AddRabbitMq(
        IDistributedApplicationBuilder builder, string dataDirectory, string scripts)
    {
        var config = builder.Configuration;
        var port = config.GetValue("Infrastructure:RabbitMq:Port", 55672);
        var managementPort = config.GetValue("Infrastructure:RabbitMq:ManagementPort", 55673);
        var distributionPort = config.GetValue("Infrastructure:RabbitMq:DistributionPort", 55674);
        var nodeName = config["Infrastructure:RabbitMq:NodeName"] ?? "community@localhost";
        var passwordValue = Secrets.GetOrCreate(dataDirectory, "rabbitmq-password");
        var passwordFile = Path.Combine(dataDirectory, "secrets", "rabbitmq-password");
        var password = builder.AddParameter("rabbitmq-password", passwordValue, secret: true);

        var server = new LocalRabbitMqServerResource(InfrastructureExtensions.Broker, "bash", scripts, "community", password.Resource);
        return builder.AddResource(server)
            .WithArgs(Path.Combine(scripts, "rabbitmq.sh"), Path.Combine(dataDirectory, "rabbitmq"), nodeName,
                port.ToString(), managementPort.ToString(), distributionPort.ToString(), server.User, passwordFile)
            .WithEndpoint(port: port, targetPort: port, scheme: "amqp", name: LocalRabbitMqServerResource.AmqpEndpointName, isProxied: false)
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: LocalRabbitMqServerResource.ManagementEndpointName, isProxied: false)
            .WithUrlForEndpoint(LocalRabbitMqServerResource.ManagementEndpointName, url => url.DisplayText = "RabbitMQ management")
            .WithHealthCheck(AddConnectCheck(builder, "rabbitmq-accepts-connections", async cancellationToken =>
            {
                var uri = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
                var factory = new ConnectionFactory { Uri = new Uri(uri!), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            }))
            .WithManagementCommand(dataDirectory);
    }

    private static string AddConnectCheck(IDistributedApplicationBuilder builder, string name, Func<CancellationToken, Task> connect)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
        {
            try
            {
                await connect(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        return name;
    }
}
