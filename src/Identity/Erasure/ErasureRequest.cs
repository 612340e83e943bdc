using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Identity.Erasure;

/// <summary>
/// A person's request to have their personal data erased (PIPL art. 47), kept as the record that it was asked and
/// done: when it was asked, which services answered that they erased what they held, and when the last one did.
/// It names only the account id — the account itself is emptied when the request is made.
/// </summary>
public sealed class ErasureRequest
{
    /// <summary>The services that hold personal data about a person and must each answer (Partners: the names of staff on pledges they decided).</summary>
    public static readonly IReadOnlyList<string> Services = ["grid", "activities", "volunteers", "notices", "partners"];

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>When the last service answered (null: still under way).</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public List<ErasureAnswer> Answers { get; private set; } = [];

    public static ErasureRequest Create(Guid accountId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), AccountId = accountId, RequestedAt = now };

    /// <summary>Records a service's answer (a repeated answer changes nothing); complete once every service has answered.</summary>
    public bool Answer(string service, int records, DateTimeOffset erasedAt, DateTimeOffset now)
    {
        if (!Services.Contains(service) || Answers.Any(a => a.Service == service))
        {
            return false;
        }

        Answers.Add(new ErasureAnswer { RequestId = Id, Service = service, Records = records, ErasedAt = erasedAt });
        if (Services.All(s => Answers.Any(a => a.Service == s)))
        {
            CompletedAt ??= now;
        }

        return true;
    }
}

/// <summary>One service's answer: how many of its rows it removed or anonymised, and when.</summary>
public sealed class ErasureAnswer
{
    public Guid RequestId { get; set; }

    public string Service { get; set; } = "";

    public int Records { get; set; }

    public DateTimeOffset ErasedAt { get; set; }
}

internal sealed class ErasureRequestConfiguration : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> request)
    {
        request.ToTable("erasure_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).ValueGeneratedNever();
        // An account is erased once.
        request.HasIndex(r => r.AccountId).IsUnique();
        request.HasIndex(r => r.RequestedAt);
        request.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ErasureAnswerConfiguration : IEntityTypeConfiguration<ErasureAnswer>
{
    public void Configure(EntityTypeBuilder<ErasureAnswer> answer)
    {
        answer.ToTable("erasure_answers");
        answer.HasKey(a => new { a.RequestId, a.Service });
        answer.Property(a => a.Service).HasMaxLength(50);
    }
}
