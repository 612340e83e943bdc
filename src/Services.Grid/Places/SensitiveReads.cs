using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Places;

/// <summary>
/// Sensitive tags are shown only through here, and every showing is logged (who, when, why) for each resident
/// whose tags were shown — in the same database, so a read nobody logged cannot happen.
/// </summary>
public static class SensitiveReads
{
    public const int MaxPurposeLength = 200;

    public static FieldErrors CheckPurpose(string? purpose) => new FieldErrors().Optional("purpose", purpose, MaxPurposeLength);

    /// <summary>The residents' tags, logged as read by <paramref name="caller"/> for <paramref name="purpose"/>.</summary>
    public static async Task<ILookup<Guid, string>> ShowTagsAsync(this GridDbContext db, IEnumerable<Guid> residentIds, ClaimsPrincipal caller,
        string purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = residentIds.ToList();
        var tags = (await db.ResidentTags.AsNoTracking().Where(t => ids.Contains(t.ResidentId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.ResidentId, t => t.Tag);
        if (tags.Count > 0)
        {
            var by = caller.AuditActor();
            db.SensitiveTagReads.AddRange(tags.Select(t => new SensitiveTagRead
            {
                Id = Guid.CreateVersion7(), ResidentId = t.Key, ReadBy = by, Purpose = purpose.Trim(), ReadAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return tags;
    }
}
