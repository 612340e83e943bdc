using Community.AppHost.Infrastructure;
using Community.AppHost.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure first: PostgreSQL (one database per service) and RabbitMQ, in the mode this machine allows.
InfrastructureResources infrastructure;
try
{
    infrastructure = builder.AddCommunityInfrastructure();
}
catch (MissingPrerequisiteException missing)
{
    Console.Error.WriteLine(missing.Message);
    return 1;
}

// The identity provider: every service trusts the tokens it signs, by its discovery document.
var identity = builder.AddIdentityProvider(infrastructure);

// Then the services, each with its own database and the shared broker.
var activities = builder.AddProject<Projects.Services_Activities>("activities")
    .WithServiceInfrastructure(infrastructure.Activities, infrastructure, identity);
var grid = builder.AddProject<Projects.Services_Grid>("grid")
    .WithServiceInfrastructure(infrastructure.Grid, infrastructure, identity);
var volunteers = builder.AddProject<Projects.Services_Volunteers>("volunteers")
    .WithServiceInfrastructure(infrastructure.Volunteers, infrastructure, identity);
var notices = builder.AddProject<Projects.Services_Notices>("notices")
    .WithServiceInfrastructure(infrastructure.Notices, infrastructure, identity);
var partners = builder.AddProject<Projects.Services_Partners>("partners")
    .WithServiceInfrastructure(infrastructure.Partners, infrastructure, identity)
    .WithPartnerFeeds(infrastructure);

// Then the single public door.
var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(identity).WaitFor(identity)
    .WithReference(activities).WaitFor(activities)
    .WithReference(grid).WaitFor(grid)
    .WithReference(volunteers).WaitFor(volunteers)
    .WithReference(notices).WaitFor(notices)
    .WithReference(partners).WaitFor(partners)
    .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    // The door listens on its own port (5200), not behind the orchestrator's endpoint proxy: every request through it
    // would otherwise cross a local proxy twice, once before the gateway and once after it.
    .WithEndpoint("http", endpoint => endpoint.IsProxied = false);

// And the web app people use: it signs them in at the provider and calls everything through the gateway.
builder.AddWebApp(identity, gateway);

// The console says when everything is up, or which part stopped while starting (and the AppHost exits with 1).
var outcome = new StartupOutcome();
builder.Services.AddSingleton(outcome).AddHostedService<StartupWatch>();
// The host's own account of a start cut short is a stack trace; the outcome's sentence replaces it.
builder.Services.AddLogging(logging => logging.AddFilter(
    "Microsoft.Extensions.Hosting.Internal.Host", level => outcome.Failure is null && level >= LogLevel.Information));

try
{
    builder.Build().Run();
}
catch (OperationCanceledException) when (outcome.Failure is not null)
{
}

outcome.Report(Console.Error);
return outcome.Failure is null ? 0 : 1;
