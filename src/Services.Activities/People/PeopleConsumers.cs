using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Persistence;
using Community.Services.Activities.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.People;

/// <summary>Keeps <see cref="KnownResident"/> in step with Grid's records, once per message; an older record never overwrites a newer one.</summary>
public sealed class ResidentRecordedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<ResidentRecordedConsumer> logger)
    : IdempotentConsumer<ResidentRecorded, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(ResidentRecorded message, ConsumeContext<ResidentRecorded> context)
    {
        if (message.ResidentId == Guid.Empty || message.HouseholdId == Guid.Empty || string.IsNullOrWhiteSpace(message.Name))
        {
            throw new InvalidMessageException("ResidentRecorded needs a resident, a household and a name.");
        }

        var resident = await Db.KnownResidents.LockedAsync(r => r.ResidentId, message.ResidentId, context.CancellationToken);
        if (resident is null)
        {
            resident = Db.KnownResidents.Add(new KnownResident { ResidentId = message.ResidentId }).Entity;
        }
        else if (resident.RecordedAt > message.RecordedAt)
        {
            return;
        }

        resident.HouseholdId = message.HouseholdId;
        resident.Name = message.Name;
        resident.BirthYear = message.BirthYear;
        resident.GuardianId = message.GuardianId;
        // Unlinked: the account is remembered until a link or her erasure (see KnownResident.UnlinkedAccountId).
        resident.UnlinkedAccountId = message.AccountId is null ? resident.AccountId ?? resident.UnlinkedAccountId : null;
        resident.AccountId = message.AccountId;
        resident.MovedOutAt = message.MovedOutAt;
        resident.RecordedAt = message.RecordedAt;
    }
}

/// <summary>Records whose account a volunteer record is, once per message; a later link wins.</summary>
public sealed class VolunteerAccountLinkedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<VolunteerAccountLinkedConsumer> logger)
    : IdempotentConsumer<VolunteerAccountLinked, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerAccountLinked message, ConsumeContext<VolunteerAccountLinked> context)
    {
        if (message.VolunteerId == Guid.Empty || message.AccountId == Guid.Empty)
        {
            throw new InvalidMessageException("VolunteerAccountLinked needs a volunteer and an account.");
        }

        var link = await Db.VolunteerAccounts.LockedAsync(l => l.VolunteerId, message.VolunteerId, context.CancellationToken);
        if (link is null)
        {
            Db.VolunteerAccounts.Add(new VolunteerAccount { VolunteerId = message.VolunteerId, AccountId = message.AccountId, LinkedAt = message.LinkedAt });
        }
        else if (link.LinkedAt <= message.LinkedAt)
        {
            link.AccountId = message.AccountId;
            link.LinkedAt = message.LinkedAt;
        }
    }
}

/// <summary>Keeps <see cref="ActingConsent"/> in step with Grid's consents; an older change never overwrites a newer one.</summary>
public sealed class ActingConsentChangedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<ActingConsentChangedConsumer> logger)
    : IdempotentConsumer<ActingConsentChanged, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(ActingConsentChanged message, ConsumeContext<ActingConsentChanged> context)
    {
        if (message.ConsentId == Guid.Empty || message.ResidentId == Guid.Empty || message.ActorAccountId == Guid.Empty)
        {
            throw new InvalidMessageException("ActingConsentChanged needs a consent, a resident and an actor.");
        }

        var consent = await Db.ActingConsents.LockedAsync(c => c.ConsentId, message.ConsentId, context.CancellationToken);
        if (consent is null)
        {
            consent = Db.ActingConsents.Add(new ActingConsent { ConsentId = message.ConsentId }).Entity;
        }
        else if (consent.ChangedAt > message.ChangedAt)
        {
            return;
        }

        consent.ResidentId = message.ResidentId;
        consent.ActorAccountId = message.ActorAccountId;
        consent.Purpose = message.Purpose;
        consent.ValidUntil = message.ValidUntil;
        consent.WithdrawnAt = message.WithdrawnAt;
        consent.ChangedAt = message.ChangedAt;
    }
}
