using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.Privacy;

/// <summary>
/// An account whose holder had their data erased, and when they asked: nothing announced before that (a volunteer link
/// still on its way) may lead to the account again. Only the account's id and the time are kept.
/// </summary>
public sealed class ErasedAccount
{
    /// <summary>Erasure and linking of one account take this key lock (<c>KeyLocks</c>) so neither misses the other.</summary>
    public const string Lock = "notices-erased-account";

    public Guid AccountId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}

internal sealed class ErasedAccountConfiguration : IEntityTypeConfiguration<ErasedAccount>
{
    public void Configure(EntityTypeBuilder<ErasedAccount> erased)
    {
        erased.ToTable("erased_accounts");
        erased.HasKey(e => e.AccountId);
    }
}
