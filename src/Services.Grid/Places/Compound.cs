using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Places;

/// <summary>A housing compound (小区) of the neighbourhood.</summary>
public sealed class Compound
{
    /// <summary>The two compounds of Yangcheng Guidu, present from the first migration.</summary>
    public static readonly Compound YangchengGuidu = new(Guid.Parse("0195a000-0000-7000-8000-000000000001"), "阳城贵都", "Yangcheng Guidu", DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    public static readonly Compound PulianJiayuan = new(Guid.Parse("0195a000-0000-7000-8000-000000000002"), "浦联佳苑", "Pulian Jiayuan", DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    private Compound(Guid id, string name, string? englishName, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        EnglishName = englishName;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string? EnglishName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Compound Create(string name, string? englishName, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), name.Trim(), string.IsNullOrWhiteSpace(englishName) ? null : englishName.Trim(), now);
}

internal sealed class CompoundConfiguration : IEntityTypeConfiguration<Compound>
{
    public void Configure(EntityTypeBuilder<Compound> compound)
    {
        compound.HasKey(c => c.Id);
        compound.Property(c => c.Name).HasMaxLength(PlaceRules.MaxNameLength);
        compound.Property(c => c.EnglishName).HasMaxLength(PlaceRules.MaxNameLength);
        compound.HasIndex(c => c.Name).IsUnique();
        compound.HasData(Compound.YangchengGuidu, Compound.PulianJiayuan);
    }
}
