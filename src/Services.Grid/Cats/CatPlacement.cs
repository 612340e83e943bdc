using Community.Persistence;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

public enum Placement
{
    Done,

    /// <summary>The cat has no open stay: it left its colony.</summary>
    NotInColony,

    /// <summary>The cat is (now) in another colony than the caller meant.</summary>
    InAnotherColony,

    Deceased,
}

/// <summary>
/// Where a cat lives, changed only here: moved to another colony, leaving (adopted, moved away, died), or back in a
/// colony after it left. Each change locks the cat's row first, so changes of one cat are taken one after the other
/// (a death recorded as the cat is brought back is seen by the return); the partial unique index refuses a second
/// open stay however the requests race.
/// </summary>
public static class CatPlacement
{
    /// <summary>Moves the cat from <paramref name="fromColonyId"/> (where the caller saw it) to <paramref name="toColonyId"/>.</summary>
    public static async Task<Placement> MoveAsync(this GridDbContext db, Guid catId, Guid fromColonyId, Guid toColonyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Cats.LockedAsync(c => c.Id, catId, cancellationToken);
        var stay = await LockOpenStayAsync(db, catId, cancellationToken);
        if (stay is null)
        {
            return Placement.NotInColony;
        }

        if (stay.ColonyId != fromColonyId || fromColonyId == toColonyId)
        {
            return Placement.InAnotherColony;
        }

        stay.MoveOut(now);
        db.CatStays.Add(CatStay.Begin(catId, toColonyId, now));
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return Placement.InAnotherColony;
        }

        await transaction.CommitAsync(cancellationToken);
        return Placement.Done;
    }

    /// <summary>The cat left <paramref name="fromColonyId"/> on <paramref name="on"/>, with a leaving status.</summary>
    public static async Task<Placement> LeaveAsync(this GridDbContext db, Guid catId, Guid fromColonyId, string status, DateOnly on, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Cats.LockedAsync(c => c.Id, catId, cancellationToken);
        var stay = await LockOpenStayAsync(db, catId, cancellationToken);
        if (stay is null)
        {
            return Placement.NotInColony;
        }

        if (stay.ColonyId != fromColonyId)
        {
            return Placement.InAnotherColony;
        }

        stay.Leave(status, on);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Placement.Done;
    }

    /// <summary>
    /// An archived cat that left <paramref name="leftColonyId"/> (where the caller saw it last; adopted, moved away) is
    /// back, in <paramref name="colonyId"/>.
    /// </summary>
    public static async Task<Placement> ReturnAsync(this GridDbContext db, Guid catId, Guid? leftColonyId, Guid colonyId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Cats.LockedAsync(c => c.Id, catId, cancellationToken);
        var latest = await db.LatestStayAsync(catId, cancellationToken);
        if (latest?.EndReason == CatStatuses.Deceased)
        {
            return Placement.Deceased;
        }

        if (latest?.ColonyId != leftColonyId)
        {
            return Placement.InAnotherColony;
        }

        db.CatStays.Add(CatStay.Begin(catId, colonyId, now));
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return Placement.InAnotherColony;
        }

        await transaction.CommitAsync(cancellationToken);
        return Placement.Done;
    }

    private static Task<CatStay?> LockOpenStayAsync(GridDbContext db, Guid catId, CancellationToken cancellationToken) =>
        db.CatStays.FromSql($"SELECT * FROM cat_stays WHERE cat_id = {catId} AND until IS NULL FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
}
