using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Notices.CallList;
using Community.Services.Notices.Data;
using Community.Services.Notices.Inbox;
using Community.Services.Notices.People;
using Community.Services.Notices.Preferences;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Delivery;

/// <summary>
/// What to tell, about which fact: <paramref name="SourceKey"/> names the fact (a registration's offer, a session's
/// move) so the same fact never notifies the same person twice, whichever message carried it.
/// </summary>
public sealed record NoticeDraft(string Kind, string SourceKey, object[] Args, string? Link = null)
{
    /// <summary>The registration an offer is for: its call list entry holds the offer open in Activities.</summary>
    public Guid? RegistrationId { get; init; }

    /// <summary>When the person must have been told by (an offer's deadline).</summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>
/// Writes notices into the caller's unit of work (the consumer's transaction): to a person — by their preference, in
/// the app, on their grid team's call list, or both — to an account, or to everyone in a role. One per fact and
/// recipient (unique keys); quiet hours decide when a notice becomes visible.
/// </summary>
public sealed class NoticeWriter(NoticesDbContext db, TimeProvider time)
{
    private readonly HashSet<string> _written = [];
    private readonly Dictionary<Guid, KnownResident?> _residents = [];
    private readonly Dictionary<string, string> _preferences = [];
    private readonly HashSet<string> _preferencesRead = [];
    private bool _allPreferencesRead;
    private HashSet<string>? _existingKeys;
    private readonly Dictionary<string, bool> _accountKeysTaken = [];
    private string? _preloadedKind;
    private readonly Dictionary<Guid, List<ActingConsent>> _consents = [];

    /// <summary>Loads, for a bulk pass, what would otherwise be one query per notice: the residents, their preferences, the consents under which others registered them, and the keys already taken.</summary>
    public async Task PreloadAsync(IReadOnlyCollection<Guid> residentIds, string kind, DateTimeOffset since, CancellationToken cancellationToken)
    {
        foreach (var resident in await db.KnownResidents.AsNoTracking().Where(r => residentIds.Contains(r.ResidentId)).ToListAsync(cancellationToken))
        {
            _residents[resident.ResidentId] = resident;
        }

        foreach (var id in residentIds.Where(id => !_residents.ContainsKey(id)))
        {
            _residents[id] = null;
        }

        foreach (var preference in await db.Preferences.AsNoTracking().ToListAsync(cancellationToken))
        {
            _preferences[preference.Key] = preference.Channel;
        }

        _allPreferencesRead = true;
        await PreloadConsentsAsync(residentIds, cancellationToken);
        _existingKeys = (await db.Notices.Where(n => n.Kind == kind && n.CreatedAt >= since).Select(n => n.DedupeKey).ToListAsync(cancellationToken))
            .Concat(await db.CallListEntries.Where(e => e.Kind == kind && e.CreatedAt >= since).Select(e => e.DedupeKey).ToListAsync(cancellationToken))
            .ToHashSet();
        _preloadedKind = kind;
    }

    /// <summary>
    /// Loads, for a batch of messages about these residents, what would otherwise be read once a notice: the residents
    /// and their preferences (whether a notice is new is still asked of the database, key by key).
    /// </summary>
    public async Task PreloadPeopleAsync(IReadOnlyCollection<Guid> residentIds, CancellationToken cancellationToken)
    {
        var unread = residentIds.Where(id => !_residents.ContainsKey(id)).ToList();
        if (unread.Count == 0)
        {
            return;
        }

        var residents = await db.KnownResidents.AsNoTracking().Where(r => unread.Contains(r.ResidentId)).ToListAsync(cancellationToken);
        foreach (var id in unread)
        {
            _residents[id] = residents.FirstOrDefault(r => r.ResidentId == id);
        }

        var keys = residents.SelectMany(PreferenceKeys).ToList();
        foreach (var preference in await db.Preferences.AsNoTracking().Where(p => keys.Contains(p.Key)).ToListAsync(cancellationToken))
        {
            _preferences[preference.Key] = preference.Channel;
        }

        _preferencesRead.UnionWith(keys);
    }

    /// <summary>
    /// Asks the database once, for a batch of notices to accounts, which are already written (instead of once a notice
    /// in <see cref="ToAccountAsync"/>).
    /// </summary>
    public async Task PreloadAccountKeysAsync(IReadOnlyCollection<(Guid AccountId, NoticeDraft Draft)> notices, CancellationToken cancellationToken)
    {
        var keys = notices.Select(n => AccountKey(n.AccountId, n.Draft)).Distinct().ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var taken = (await db.Notices.Where(n => keys.Contains(n.DedupeKey)).Select(n => n.DedupeKey).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var key in keys)
        {
            _accountKeysTaken[key] = taken.Contains(key);
        }
    }

    /// <summary>
    /// <see cref="PreloadAccountKeysAsync"/> for notices to people (<see cref="ToPersonAsync"/>): asks once about every
    /// account each may reach — their own, a guardian's, the one that acted — as far as the residents are already loaded
    /// (<see cref="PreloadPeopleAsync"/>); any other is asked about when it is written to.
    /// </summary>
    public async Task PreloadPersonKeysAsync(IReadOnlyCollection<(Guid? ResidentId, Guid? ActorAccountId, NoticeDraft Draft)> notices, CancellationToken cancellationToken)
    {
        await PreloadConsentsAsync([.. notices.Where(n => n.ActorAccountId is not null).Select(n => n.ResidentId).OfType<Guid>().Distinct()], cancellationToken);
        var accounts = new List<(Guid AccountId, NoticeDraft Draft)>();
        foreach (var (residentId, actor, draft) in notices)
        {
            if (residentId is { } id && _residents.GetValueOrDefault(id) is { } resident)
            {
                if (resident.AccountId is { } own)
                {
                    accounts.Add((own, draft));
                }

                if (resident.GuardianId is { } guardian && _residents.GetValueOrDefault(guardian) is { AccountId: { } guardianAccount })
                {
                    accounts.Add((guardianAccount, draft));
                }
            }

            if (actor is { } acting)
            {
                accounts.Add((acting, draft));
            }
        }

        await PreloadAccountKeysAsync(accounts, cancellationToken);
    }

    private async Task PreloadConsentsAsync(IReadOnlyCollection<Guid> residentIds, CancellationToken cancellationToken)
    {
        var unread = residentIds.Where(id => !_consents.ContainsKey(id)).ToList();
        if (unread.Count == 0)
        {
            return;
        }

        var consents = await db.ActingConsents.AsNoTracking()
            .Where(c => unread.Contains(c.ResidentId) && c.Purpose == ActingConsent.ActivitiesPurpose).ToListAsync(cancellationToken);
        foreach (var id in unread)
        {
            _consents[id] = [.. consents.Where(c => c.ResidentId == id)];
        }
    }

    private static string AccountKey(Guid accountId, NoticeDraft draft) => $"{draft.Kind}:{draft.SourceKey}:account:{accountId}";

    /// <summary>
    /// Tells a person: the participant resident by their chosen channel (the call list if they have no account), and
    /// the account that acted for them (a relative, a grid worker) in the app while it still may act for her
    /// (<see cref="MayTellActorAsync"/>). Returns how many notices and entries it wrote.
    /// </summary>
    public async Task<int> ToPersonAsync(Guid? residentId, Guid? actorAccountId, NoticeDraft draft, CancellationToken cancellationToken)
    {
        var written = 0;
        var resident = residentId is { } id ? await ResidentAsync(id, cancellationToken) : null;
        if (resident is not null)
        {
            var channel = await ChannelOfAsync(resident, cancellationToken);
            if (resident.AccountId is { } own && Channels.InApp(channel))
            {
                written += await ToAccountAsync(own, draft, resident.ResidentId, cancellationToken);
            }

            if ((Channels.ByCall(channel) || resident.AccountId is null) && NoticeKinds.GoesOnCallList(draft.Kind))
            {
                written += await OnCallListAsync(resident, draft, cancellationToken);
            }
        }

        // A child is told through their guardian.
        if (resident is { AccountId: null, GuardianId: { } guardianId } && await ResidentAsync(guardianId, cancellationToken) is { AccountId: { } guardian })
        {
            written += await ToAccountAsync(guardian, draft, resident.ResidentId, cancellationToken);
        }

        if (actorAccountId is { } actor && actor != resident?.AccountId && await MayTellActorAsync(residentId, resident, actor, cancellationToken))
        {
            written += await ToAccountAsync(actor, draft, resident?.ResidentId, cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// Whether the account that registered a resident still hears about it. Someone with no record was named by the
    /// account, which is all there is to tell. For a resident, the account acted as her guardian, or under her consent:
    /// when her consents name the account, it is told only while one holds — withdrawn or run out, it hears nothing
    /// more of her. An account none of them names is still told: Activities checked the consent before it took the
    /// registration, and Grid's announcement of it has not reached this service yet.
    /// </summary>
    private async Task<bool> MayTellActorAsync(Guid? residentId, KnownResident? resident, Guid actor, CancellationToken cancellationToken)
    {
        if (residentId is not { } id)
        {
            return true;
        }

        if (resident?.GuardianId is { } guardianId && (await ResidentAsync(guardianId, cancellationToken))?.AccountId == actor)
        {
            return true;
        }

        await PreloadConsentsAsync([id], cancellationToken);
        var naming = _consents[id].Where(c => c.ActorAccountId == actor).ToList();
        var now = time.GetUtcNow();
        return naming.Count == 0 || naming.Any(c => c.HoldsAt(now));
    }

    public async Task<int> ToAccountAsync(Guid accountId, NoticeDraft draft, Guid? aboutResident, CancellationToken cancellationToken)
    {
        var key = AccountKey(accountId, draft);
        if (!await IsNewAsync(key, cancellationToken))
        {
            return 0;
        }

        Add(draft, key, accountId, role: null, aboutResident);
        return 1;
    }

    public async Task<int> ToRoleAsync(string role, NoticeDraft draft, CancellationToken cancellationToken)
    {
        var key = $"{draft.Kind}:{draft.SourceKey}:role:{role}";
        if (!await IsNewAsync(key, cancellationToken))
        {
            return 0;
        }

        Add(draft, key, accountId: null, role, aboutResident: null);
        return 1;
    }

    private void Add(NoticeDraft draft, string key, Guid? accountId, string? role, Guid? aboutResident)
    {
        var now = time.GetUtcNow();
        var (title, body) = NoticeTexts.Render(draft.Kind, draft.Args);
        var urgent = NoticeKinds.IsUrgent(draft.Kind);
        db.Notices.Add(new Notice
        {
            Id = Guid.CreateVersion7(), Kind = draft.Kind, DedupeKey = key, AccountId = accountId, Role = role, ResidentId = aboutResident,
            Title = title, Body = body, Link = draft.Link, Urgent = urgent, CreatedAt = now, VisibleFrom = QuietHours.VisibleFrom(now, urgent),
        });
    }

    private async Task<int> OnCallListAsync(KnownResident resident, NoticeDraft draft, CancellationToken cancellationToken)
    {
        var key = $"{draft.Kind}:{draft.SourceKey}:resident:{resident.ResidentId}";
        if (!await IsNewAsync(key, cancellationToken, callList: true))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var gridId = await db.GridOfResidentAsync(resident, cancellationToken);
        var (title, body) = NoticeTexts.Render(draft.Kind, draft.Args);
        var entry = db.CallListEntries.Add(new CallListEntry
        {
            Id = Guid.CreateVersion7(), Kind = draft.Kind, DedupeKey = key, ResidentId = resident.ResidentId, GridId = gridId,
            Title = title, Body = body, RegistrationId = draft.RegistrationId, DueAt = draft.DueAt, CreatedAt = now,
        }).Entity;
        if (draft.RegistrationId is not null)
        {
            // Activities keeps the offer open until the team has told the resident or recorded that they could not.
            db.AddEvent(new CallListEntryOpened(entry.Id, resident.ResidentId, gridId, draft.Kind, draft.RegistrationId, draft.DueAt, now), now);
        }

        return 1;
    }

    private async Task<bool> IsNewAsync(string key, CancellationToken cancellationToken, bool callList = false)
    {
        // Written in this unit of work already (a consumer's retry starts a new one: the change tracker is cleared).
        if (!_written.Add(key) && db.ChangeTracker.Entries().Any(e => e.Entity is Notice n && n.DedupeKey == key || e.Entity is CallListEntry c && c.DedupeKey == key))
        {
            return false;
        }

        if (_existingKeys is not null && key.StartsWith($"{_preloadedKind}:", StringComparison.Ordinal))
        {
            return !_existingKeys.Contains(key);
        }

        if (!callList && _accountKeysTaken.TryGetValue(key, out var taken))
        {
            return !taken;
        }

        return callList
            ? !await db.CallListEntries.AnyAsync(e => e.DedupeKey == key, cancellationToken)
            : !await db.Notices.AnyAsync(n => n.DedupeKey == key, cancellationToken);
    }

    private async Task<KnownResident?> ResidentAsync(Guid residentId, CancellationToken cancellationToken)
    {
        if (!_residents.TryGetValue(residentId, out var resident))
        {
            resident = await db.KnownResidents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentId == residentId, cancellationToken);
            _residents[residentId] = resident;
        }

        return resident;
    }

    /// <summary>Where a resident's preference may be kept: their own key first, then their account's.</summary>
    private static IEnumerable<string> PreferenceKeys(KnownResident resident)
    {
        yield return NoticePreference.ResidentKey(resident.ResidentId);
        if (resident.AccountId is { } account)
        {
            yield return NoticePreference.AccountKey(account);
        }
    }

    private async Task<string> ChannelOfAsync(KnownResident resident, CancellationToken cancellationToken)
    {
        foreach (var key in PreferenceKeys(resident))
        {
            if (_allPreferencesRead || _preferencesRead.Contains(key))
            {
                if (_preferences.TryGetValue(key, out var known))
                {
                    return known;
                }

                continue;
            }

            var channel = await db.Preferences.AsNoTracking().Where(p => p.Key == key).Select(p => p.Channel).FirstOrDefaultAsync(cancellationToken);
            if (channel is not null)
            {
                return channel;
            }
        }

        return Channels.Default(resident.AccountId is not null);
    }
}
