using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.Preferences;

/// <summary>
/// How a person wants to be told: in the app, by their grid team (call list), or both. Kept per resident record (set
/// by the resident, their grid team or staff) or per account (someone without a resident record).
/// </summary>
public sealed class NoticePreference
{
    /// <summary><c>resident:{id}</c> or <c>account:{id}</c>.</summary>
    public string Key { get; set; } = "";

    public string Channel { get; set; } = Channels.App;

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }

    public static string ResidentKey(Guid residentId) => $"resident:{residentId}";

    public static string AccountKey(Guid accountId) => $"account:{accountId}";
}

public static class Channels
{
    public const string App = "app";
    public const string CallList = "call-list";
    public const string Both = "both";

    public static readonly IReadOnlyList<string> All = [App, CallList, Both];

    public static bool InApp(string channel) => channel is App or Both;

    public static bool ByCall(string channel) => channel is CallList or Both;

    /// <summary>Without a preference: the app for someone with an account, the grid team for someone without one.</summary>
    public static string Default(bool hasAccount) => hasAccount ? App : CallList;
}

internal sealed class NoticePreferenceConfiguration : IEntityTypeConfiguration<NoticePreference>
{
    public void Configure(EntityTypeBuilder<NoticePreference> preference)
    {
        preference.ToTable("notice_preferences", table => table.HasCheckConstraint("ck_notice_preferences_channel", "channel IN ('app', 'call-list', 'both')"));
        preference.HasKey(p => p.Key);
        preference.Property(p => p.Key).HasMaxLength(60);
        preference.Property(p => p.Channel).HasMaxLength(20);
        preference.Property(p => p.ChangedBy).HasMaxLength(200);
    }
}
