namespace Community.AppHost.Infrastructure;

/// <summary>Containers mode: Aspire's PostgreSQL and RabbitMQ containers with persistent volumes.</summary>
public static class ContainerInfrastructure
{
    public static InfrastructureResources Add(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        var postgres = builder.AddPostgres("postgres")
            .WithDataVolume("community-postgres")
            .WithLifetime(ContainerLifetime.Persistent);
        var broker = builder.AddRabbitMQ(InfrastructureExtensions.Broker)
            .WithManagementPlugin()
            .WithDataVolume("community-rabbitmq")
            .WithLifetime(ContainerLifetime.Persistent);

        return new InfrastructureResources(
            InfrastructureMode.Containers,
            dataDirectory,
            postgres.AddDatabase(InfrastructureExtensions.ActivitiesDb),
            postgres.AddDatabase(InfrastructureExtensions.GridDb),
            postgres.AddDatabase(InfrastructureExtensions.VolunteersDb),
            postgres.AddDatabase(InfrastructureExtensions.IdentityDb),
            postgres.AddDatabase(InfrastructureExtensions.NoticesDb),
            postgres.AddDatabase(InfrastructureExtensions.PartnersDb),
            broker,
            broker.GetEndpoint("management"));
    }
}
