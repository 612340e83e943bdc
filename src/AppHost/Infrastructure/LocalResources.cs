namespace Community.AppHost.Infrastructure;

/// <summary>The machine's PostgreSQL server, run as an executable by the AppHost.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory)
{
    public const string EndpointName = "tcp";

    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringFor(string database) => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password};Database={database}");
}

/// <summary>One service's database on the local server; references give the service its connection string.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => Parent.ConnectionStringFor(DatabaseName);
}

/// <summary>The machine's RabbitMQ server as a private node, with the management UI.</summary>
public sealed class LocalRabbitMqServerResource(string name, string command, string workingDirectory, string user, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string AmqpEndpointName = "amqp";
    public const string ManagementEndpointName = "management";

    public string User { get; } = user;

    public ParameterResource Password { get; } = password;

    public EndpointReference AmqpEndpoint => new(this, AmqpEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{User}:{Password}@127.0.0.1:{AmqpEndpoint.Property(EndpointProperty.Port)}/");
}
