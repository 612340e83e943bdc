namespace Community.AppHost.Infrastructure;

/// <summary>What the services need from the infrastructure, whichever mode provides it.</summary>
public sealed record InfrastructureResources(
    InfrastructureMode Mode,
    string DataDirectory,
    IResourceBuilder<IResourceWithConnectionString> Activities,
    IResourceBuilder<IResourceWithConnectionString> Grid,
    IResourceBuilder<IResourceWithConnectionString> Volunteers,
    IResourceBuilder<IResourceWithConnectionString> Identity,
    IResourceBuilder<IResourceWithConnectionString> Notices,
    IResourceBuilder<IResourceWithConnectionString> Partners,
    IResourceBuilder<IResourceWithConnectionString> Broker,
    EndpointReference? BrokerManagement);

public enum InfrastructureMode
{
    /// <summary>The machine's own PostgreSQL 15 and RabbitMQ servers, run as Aspire executables; data under <c>.data/</c>.</summary>
    Local,

    /// <summary>PostgreSQL and RabbitMQ containers with persistent volumes.</summary>
    Containers,

    /// <summary>Connection strings from configuration: a managed PostgreSQL and a RabbitMQ cluster.</summary>
    External,
}
