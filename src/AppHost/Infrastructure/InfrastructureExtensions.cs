using System.Diagnostics;
using Community.AppHost.Operations;
using Microsoft.Extensions.Configuration;

namespace Community.AppHost.Infrastructure;

public static class InfrastructureExtensions
{
    public const string ActivitiesDb = "activitiesdb";
    public const string GridDb = "griddb";
    public const string VolunteersDb = "volunteersdb";
    public const string IdentityDb = "identitydb";
    public const string NoticesDb = "noticesdb";
    public const string PartnersDb = "partnersdb";
    public const string Broker = "messaging";

    /// <summary>
    /// Adds PostgreSQL and RabbitMQ in the mode named by <c>Infrastructure:Mode</c> (<c>local</c>,
    /// <c>containers</c>, <c>external</c>); <c>auto</c> (the default) picks containers when Docker or Podman
    /// answers and local otherwise.
    /// </summary>
    public static InfrastructureResources AddCommunityInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Infrastructure:Mode"] ?? "auto";
        var mode = configured.ToLowerInvariant() switch
        {
            "local" => InfrastructureMode.Local,
            "containers" => InfrastructureMode.Containers,
            "external" => InfrastructureMode.External,
            "auto" or "" => ContainerRuntimeAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local,
            _ => throw new MissingPrerequisiteException(
                $"Infrastructure:Mode '{configured}' is not one of auto, local, containers, external."),
        };

        _ = Replicas(builder); // a wrong value stops the start here, with the sentence saying why
        var dataDirectory = DataDirectory(builder);
        return mode switch
        {
            InfrastructureMode.Local => LocalInfrastructure.Add(builder, dataDirectory),
            InfrastructureMode.Containers => ContainerInfrastructure.Add(builder, dataDirectory),
            _ => ExternalInfrastructure.Add(builder, dataDirectory),
        };
    }

    /// <summary>
    /// The identity provider on its own database. It validates its own API's tokens like every service does
    /// (by its discovery document) and, in local mode only, seeds one demo account for every role.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddIdentityProvider(
        this IDistributedApplicationBuilder builder, InfrastructureResources infrastructure)
    {
        var identity = builder.AddProject<Projects.Identity>("identity");
        // The broker carries erasure requests out to the services and their answers back.
        identity.WithReference(infrastructure.Identity).WithReference(infrastructure.Broker)
            .WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"))
            .WithEnvironment("Identity__SeedDemoAccounts", (infrastructure.Mode == InfrastructureMode.Local).ToString())
            .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints()
            .WithOperationsCommands(OperationsKey(builder, infrastructure));
        if (infrastructure.Mode != InfrastructureMode.External)
        {
            identity.WaitFor(infrastructure.Identity).WaitFor(infrastructure.Broker);
        }

        return identity;
    }

    /// <summary>
    /// The web app: a confidential client of the provider (its secret generated once, kept with the data), reading
    /// the provider's discovery document through the gateway as a browser does, calling the services through it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddWebApp(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> identity, IResourceBuilder<ProjectResource> gateway)
    {
        var secret = builder.Configuration["Web:ClientSecret"] ?? Secrets.GetOrCreate(DataDirectory(builder), "web-client-secret");
        var web = builder.AddProject<Projects.Web>("web")
            .WithReference(gateway).WaitFor(gateway)
            .WithEnvironment("Web__Gateway", gateway.GetEndpoint("http"))
            .WithEnvironment("Web__Authority", gateway.GetEndpoint("http"))
            // Redeeming codes and renewing tokens goes to the provider directly, not through the door's per-address limit.
            .WithEnvironment("Web__Provider", identity.GetEndpoint("http"))
            .WithEnvironment("Web__ClientSecret", secret)
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints();
        identity.WithEnvironment("Identity__WebClient__Address", web.GetEndpoint("http"))
            .WithEnvironment("Identity__WebClient__Secret", secret);
        return web;
    }

    /// <summary>
    /// A service's database, the broker and the identity provider's address (the only signer of tokens it
    /// trusts), waiting for them before it starts; and the dashboard's actions on its event flow.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceInfrastructure(
        this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<IResourceWithConnectionString> database,
        InfrastructureResources infrastructure,
        IResourceBuilder<ProjectResource> identity)
    {
        // Healthy means migrated, with its database and the broker reachable: what the gateway waits for.
        service.WithReference(database).WithReference(infrastructure.Broker)
            .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
            .WaitFor(identity)
            .WithHttpHealthCheck("/health")
            .WithOperationsCommands(OperationsKey(service.ApplicationBuilder, infrastructure));
        if (infrastructure.Mode != InfrastructureMode.External)
        {
            service.WaitFor(database).WaitFor(infrastructure.Broker);
        }

        var replicas = Replicas(service.ApplicationBuilder);
        if (replicas > 1)
        {
            // Each replica is its own process on its own port; the service's endpoint spreads calls over them. Outbox
            // relays claim rows with SKIP LOCKED and background jobs claim each item, so nothing is done twice.
            service.WithReplicas(replicas);
        }

        return service;
    }

    /// <summary>How many processes of each back-end service run: <c>Services:Replicas</c>, 1 unless said (at most 4).</summary>
    public static int Replicas(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Services:Replicas"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return 1;
        }

        return int.TryParse(configured, out var replicas) && replicas is >= 1 and <= 4
            ? replicas
            : throw new MissingPrerequisiteException($"Services:Replicas '{configured}' is not a whole number from 1 to 4.");
    }

    /// <summary>
    /// The partners' feeds: AMQP through the broker's management API (partners' own users on their own virtual host), and
    /// in local mode webhooks to plain-HTTP and private addresses (a partner's test listener on this machine).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPartnerFeeds(this IResourceBuilder<ProjectResource> partners, InfrastructureResources infrastructure)
    {
        partners.WithEnvironment("Partners__LocalMode", (infrastructure.Mode == InfrastructureMode.Local).ToString());
        if (infrastructure.BrokerManagement is { } management)
        {
            partners.WithEnvironment("Partners__Amqp__ManagementUrl", management);
        }

        return partners;
    }

    /// <summary>The key the dashboard's commands send to a service's <c>/ops</c> endpoints, generated once and kept with the data.</summary>
    private static string OperationsKey(IDistributedApplicationBuilder builder, InfrastructureResources infrastructure) =>
        builder.Configuration["Operations:Key"] ?? Secrets.GetOrCreate(infrastructure.DataDirectory, "operations-key");

    /// <summary>The repository's git-ignored <c>.data/</c> folder unless <c>Infrastructure:DataDirectory</c> says otherwise.</summary>
    private static string DataDirectory(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Infrastructure:DataDirectory"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.AppHostDirectory, "..", "..", ".data")
            : configured;
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(path);
        return path;
    }

    private static bool ContainerRuntimeAnswers() =>
        CommandSucceeds("docker", "info") || CommandSucceeds("podman", "info");

    private static bool CommandSucceeds(string command, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
