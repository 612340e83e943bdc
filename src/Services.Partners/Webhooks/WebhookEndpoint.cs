using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Partners.Webhooks;

/// <summary>
/// A partner's HTTPS endpoint and the public event types it wants. Deliveries are signed with its secret (Standard
/// Webhooks); after a rotation the previous secret keeps signing beside the new one until the overlap ends, so the
/// partner can switch without missing a delivery.
/// </summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string Url { get; private set; } = "";

    public List<string> Types { get; private set; } = [];

    public bool Enabled { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public string? DisabledReason { get; private set; }

    /// <summary>Since when every attempt failed (cleared by one success): five days of it switches the endpoint off.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public string Secret { get; private set; } = "";

    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static WebhookEndpoint Register(Guid organisationId, string url, IEnumerable<string> types, string secret, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = organisationId,
        Url = url,
        Types = types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        Enabled = true,
        Secret = secret,
        CreatedAt = now,
    };

    /// <summary>The secrets that sign a delivery made at <paramref name="now"/>: the current one, and the previous during its overlap.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    public void RotateSecret(string secret, TimeSpan overlap, DateTimeOffset now)
    {
        PreviousSecret = Secret;
        PreviousSecretExpiresAt = now + overlap;
        Secret = secret;
    }

    public void Enable()
    {
        Enabled = true;
        DisabledAt = null;
        DisabledReason = null;
        FailingSince = null;
    }

    public void Change(IEnumerable<string> types) => Types = types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Id).ValueGeneratedNever();
        endpoint.Property(e => e.Url).HasMaxLength(2000);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(200);
        endpoint.Property(e => e.Secret).HasMaxLength(100);
        endpoint.Property(e => e.PreviousSecret).HasMaxLength(100);
        endpoint.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        endpoint.HasIndex(e => e.OrganisationId);
    }
}
