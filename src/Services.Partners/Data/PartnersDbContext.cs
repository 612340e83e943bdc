using Community.Messaging.Persistence;
using Community.Persistence;
using Community.Services.Partners.Organisations;
using Community.Services.Partners.Pledges;
using Community.Services.Partners.PublicEvents;
using Community.Services.Partners.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.Data;

public sealed class PartnersDbContext(DbContextOptions<PartnersDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();

    public DbSet<PublicEvent> PublicEvents => Set<PublicEvent>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<Need> Needs => Set<Need>();

    public DbSet<Pledge> Pledges => Set<Pledge>();
}

internal sealed class DesignTimeFactory() : ServiceDesignTimeFactory<PartnersDbContext>("partnersdb", options => new(options));
