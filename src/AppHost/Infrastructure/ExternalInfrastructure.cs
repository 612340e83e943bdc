namespace Community.AppHost.Infrastructure;

/// <summary>
/// External mode: a managed PostgreSQL and a RabbitMQ cluster, named by <c>ConnectionStrings:activitiesdb</c>,
/// <c>griddb</c>, <c>volunteersdb</c>, <c>identitydb</c>, <c>noticesdb</c>, <c>partnersdb</c> and <c>messaging</c> (an <c>amqp://</c> or <c>amqps://</c> URI).
/// Partners get AMQP access only when <c>Partners:Amqp:ManagementUrl</c> names the cluster's management API.
/// </summary>
public static class ExternalInfrastructure
{
    public static InfrastructureResources Add(IDistributedApplicationBuilder builder, string dataDirectory) => new(
        InfrastructureMode.External,
        dataDirectory,
        builder.AddConnectionString(InfrastructureExtensions.ActivitiesDb),
        builder.AddConnectionString(InfrastructureExtensions.GridDb),
        builder.AddConnectionString(InfrastructureExtensions.VolunteersDb),
        builder.AddConnectionString(InfrastructureExtensions.IdentityDb),
        builder.AddConnectionString(InfrastructureExtensions.NoticesDb),
        builder.AddConnectionString(InfrastructureExtensions.PartnersDb),
        builder.AddConnectionString(InfrastructureExtensions.Broker),
        BrokerManagement: null);
}
