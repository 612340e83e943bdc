using Community.Identity.Accounts;
using Community.Identity.Activation;
using Community.Identity.Erasure;
using Community.Identity.Keys;
using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using Community.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Identity.Data;

/// <summary>
/// The identity provider's database (<c>identitydb</c>): ASP.NET Core Identity's accounts and roles,
/// OpenIddict's applications, authorizations and tokens, the role history, the provider's keys, the erasure
/// requests, and the outbox and inbox through which it tells the services of an erasure and hears their answers.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IMessagingDbContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();

    public DbSet<RoleChange> RoleChanges => Set<RoleChange>();

    public DbSet<ProviderKey> ProviderKeys => Set<ProviderKey>();

    public DbSet<ActivationCode> ActivationCodes => Set<ActivationCode>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<Guid>();
        builder.ApplyConfigurationsFromAssembly(typeof(AccountsDbContext).Assembly);
        builder.ApplyMessagingModel();
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.Property(a => a.DisplayName).HasMaxLength(Account.DisplayNameLength);
        account.Property(a => a.DisabledReason).HasMaxLength(RoleChange.ReasonLength);
        account.Property(a => a.PhoneNumber).HasMaxLength(20);
    }
}

internal sealed class RoleChangeConfiguration : IEntityTypeConfiguration<RoleChange>
{
    public void Configure(EntityTypeBuilder<RoleChange> change)
    {
        change.ToTable("role_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.Role).HasMaxLength(50);
        change.Property(c => c.Change).HasMaxLength(10);
        change.Property(c => c.ChangedBy).HasMaxLength(200);
        change.Property(c => c.Reason).HasMaxLength(RoleChange.ReasonLength);
        change.HasIndex(c => new { c.AccountId, c.ChangedAt });
        change.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProviderKeyConfiguration : IEntityTypeConfiguration<ProviderKey>
{
    public void Configure(EntityTypeBuilder<ProviderKey> key)
    {
        key.ToTable("provider_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Use).HasMaxLength(20);
        key.HasIndex(k => new { k.Use, k.CreatedAt });
    }
}

internal sealed class ActivationCodeConfiguration : IEntityTypeConfiguration<ActivationCode>
{
    public void Configure(EntityTypeBuilder<ActivationCode> code)
    {
        code.ToTable("activation_codes");
        code.HasKey(c => c.Id);
        code.Property(c => c.CodeHash).HasMaxLength(32);
        code.Property(c => c.Purpose).HasMaxLength(20);
        code.Property(c => c.CreatedBy).HasMaxLength(200);
        code.HasIndex(c => new { c.AccountId, c.CodeHash });
        code.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DesignTimeFactory() : ServiceDesignTimeFactory<AccountsDbContext>("identitydb", options => new(options));
