using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Registry;

/// <summary>
/// One entry of the managed skill list. Matching depends on everyone spelling a skill the same way, so a
/// volunteer's or a shift's skill must be a code from this list; staff add and retire entries through the API.
/// </summary>
public sealed class Skill
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>A retired skill stays on the volunteers who have it but can no longer be chosen.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

public static partial class Skills
{
    public const int MaxCodeLength = 50;

    /// <summary>The list the neighbourhood started with (seeded by the migration).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Initial =
    [
        ("smartphone-tutoring", "智能手机辅导"),
        ("first-aid", "急救"),
        ("legal-advice", "法律咨询"),
        ("carpentry", "木工"),
        ("cat-care", "社区猫照护"),
        ("elderly-companionship", "陪伴老人"),
        ("riverbank-cleanup", "河道清洁"),
        ("mediation", "调解"),
        ("calligraphy", "书法"),
        ("fitness-instruction", "健身指导"),
    ];

    /// <summary>Codes of the skills that can be chosen now.</summary>
    public static async Task<HashSet<string>> ActiveCodesAsync(this DbSet<Skill> skills, CancellationToken cancellationToken) =>
        (await skills.AsNoTracking().Where(s => s.RetiredAt == null).Select(s => s.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Lower-case letters, digits and hyphens, starting with a letter (the database checks the same pattern).</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex CodePattern();
}

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> skill)
    {
        skill.ToTable("skills", t => t.HasCheckConstraint("ck_skills_code", "code ~ '^[a-z][a-z0-9-]*$'"));
        skill.HasKey(s => s.Code);
        skill.Property(s => s.Code).HasMaxLength(Skills.MaxCodeLength);
        skill.Property(s => s.Name).HasMaxLength(50);
        var seededAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        skill.HasData(Skills.Initial.Select(s => new Skill { Code = s.Code, Name = s.Name, AddedAt = seededAt }));
    }
}
