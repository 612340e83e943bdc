using Community.Contracts;
using Community.Messaging.Outbox;
using Community.Services.Activities.Data;
using Community.Services.Activities.Sessions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Community.Services.Activities.Registrations;

/// <summary>What the database decided for a registration.</summary>
public enum BookingResult
{
    /// <summary>Saved: a place or the waitlist (see the registration's status), its event in the outbox.</summary>
    Booked,

    /// <summary>The session has started or is completed: nothing was written.</summary>
    Closed,

    /// <summary>The session was cancelled: nothing was written.</summary>
    Cancelled,

    /// <summary>The household already holds the series' cap of places in this session: nothing was written.</summary>
    HouseholdFull,

    /// <summary>A unique index refused the registration (see <see cref="BookingOutcome.Constraint"/>): nothing was written.</summary>
    Refused,
}

/// <param name="Position">The waitlist position (1 first) when waitlisted.</param>
/// <param name="Constraint">The unique index that refused it, when <see cref="BookingResult.Refused"/>.</param>
public sealed record BookingOutcome(BookingResult Result, int? Position = null, string? Constraint = null);

/// <summary>
/// Books a registration in one round trip, the hot path of a popular activity opening: the session's row is locked,
/// then one statement checks the session is open and the household's cap, takes a place if one is free (the same
/// conditional update and check constraint that keep every other path within capacity) or else ranks the newcomer
/// last on the waitlist, inserts the registration and writes its event to the outbox — all in one implicit
/// transaction, so the lock is held only while the server runs them, never across a network wait. Registrations,
/// cancellations and offers of one session still happen one at a time (they take the same row lock), and the
/// statement runs after the lock is granted, so it counts the household and the waitlist as they are then.
/// </summary>
public sealed class PlaceBooking(ActivitiesDbContext db, OutboxSql outbox)
{
    private const string LockSession = "SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE";

    // $1 session, $2 now, $3 household cap (null: none), $4.. the registration, then the two events it may announce.
    private static readonly string Book = $$"""
        WITH s AS (
            SELECT status = '{{SessionStatus.Scheduled}}' AND starts_at > $2 AS open, status = '{{SessionStatus.Cancelled}}' AS cancelled
            FROM sessions WHERE id = $1),
        household AS (
            SELECT count(*)::int AS held FROM registrations
            WHERE $3::int IS NOT NULL AND session_id = $1 AND household_ref = $7 AND status <> '{{RegistrationStatus.Cancelled}}'),
        go AS (
            SELECT coalesce((SELECT open FROM s), false) AS open,
                   $3::int IS NULL OR (SELECT held FROM household) < $3::int AS within_cap),
        took AS (
            UPDATE sessions SET places_taken = places_taken + 1
            WHERE id = $1 AND places_taken < capacity AND (SELECT open AND within_cap FROM go)
            RETURNING 1),
        placed AS (
            SELECT EXISTS (SELECT 1 FROM took) AS confirmed,
                   1 + (SELECT count(*)::int FROM registrations WHERE session_id = $1 AND status = '{{RegistrationStatus.Waitlisted}}') AS position),
        registration AS (
            INSERT INTO registrations (id, session_id, participant_key, participant_name, birth_year, household_ref,
                participant_resident_id, registered_by, registered_by_name, on_behalf, consent_id, status, waitlist_rank,
                check_in_code, idempotency_key, created_at, no_show)
            SELECT $4, $1, $5, $6, $8, $7, $9, $10, $11, $12, $13,
                CASE WHEN p.confirmed THEN '{{RegistrationStatus.Confirmed}}' ELSE '{{RegistrationStatus.Waitlisted}}' END,
                CASE WHEN p.confirmed THEN NULL ELSE nextval('waitlist_rank_seq') END,
                $14, $15, $2, false
            FROM placed p WHERE (SELECT open AND within_cap FROM go)
            RETURNING waitlist_rank),
        announced AS (
            INSERT INTO outbox_messages ({{OutboxSql.Columns}})
            SELECT CASE WHEN p.confirmed THEN $16 ELSE $19 END,
                CASE WHEN p.confirmed THEN $17 ELSE $20 END,
                CASE WHEN p.confirmed THEN $18::jsonb ELSE jsonb_set($21::jsonb, '{position}', to_jsonb(p.position)) END,
                $22, $23, $2, 0, $2
            FROM placed p WHERE (SELECT open AND within_cap FROM go))
        SELECT g.open, g.within_cap, p.confirmed, p.position, (SELECT waitlist_rank FROM registration), coalesce((SELECT cancelled FROM s), false)
        FROM go g, placed p
        """;

    /// <summary>
    /// Books <paramref name="registration"/> (created as confirmed; settled here to what the database decided) and, once
    /// committed, wakes the relay and counts its event.
    /// </summary>
    public async Task<BookingOutcome> BookAsync(Registration registration, int? householdCap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var confirmed = new RegistrationConfirmed(registration.Id, registration.SessionId, registration.OnBehalf, now,
            registration.ParticipantResidentId, registration.RegistrantAccountId);
        var waitlisted = new RegistrationWaitlisted(registration.Id, registration.SessionId, 0, now,
            registration.ParticipantResidentId, registration.RegistrantAccountId);
        var (confirmedRow, waitlistedRow) = (OutboxMessage.Create(confirmed, now), OutboxMessage.Create(waitlisted, now));

        // One implicit transaction of its own: joined to an open one, it would be counted before that one committed.
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A booking runs in a transaction of its own; none may be open on the context.");
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LockSession) { Parameters = { Value(registration.SessionId) } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Book)
            {
                Parameters =
                {
                    Value(registration.SessionId), Value(now), Value(householdCap, NpgsqlDbType.Integer),
                    Value(registration.Id), Value(registration.ParticipantKey), Value(registration.ParticipantName),
                    Value(registration.HouseholdRef, NpgsqlDbType.Varchar), Value(registration.BirthYear, NpgsqlDbType.Integer),
                    Value(registration.ParticipantResidentId, NpgsqlDbType.Uuid), Value(registration.RegisteredBy),
                    Value(registration.RegisteredByName), Value(registration.OnBehalf), Value(registration.ConsentId, NpgsqlDbType.Uuid),
                    Value(registration.CheckInCode), Value(registration.IdempotencyKey, NpgsqlDbType.Varchar),
                    Value(confirmedRow.Id), Value(confirmedRow.MessageType), Value(confirmedRow.Payload),
                    Value(waitlistedRow.Id), Value(waitlistedRow.MessageType), Value(waitlistedRow.Payload),
                    Value(confirmedRow.TraceParent, NpgsqlDbType.Varchar), Value(confirmedRow.TraceState, NpgsqlDbType.Varchar),
                },
            });

            bool open, withinCap, placeTaken, cancelled;
            int position;
            long? rank;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (open, withinCap, placeTaken, position) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt32(3));
                rank = reader.IsDBNull(4) ? null : reader.GetInt64(4);
                cancelled = reader.GetBoolean(5);
            }

            if (!open)
            {
                return new BookingOutcome(cancelled ? BookingResult.Cancelled : BookingResult.Closed);
            }

            if (!withinCap)
            {
                return new BookingOutcome(BookingResult.HouseholdFull);
            }

            registration.Settle(placeTaken, rank);
            outbox.Committed(placeTaken ? confirmed : waitlisted with { Position = position });
            return new BookingOutcome(BookingResult.Booked, placeTaken ? null : position);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new BookingOutcome(BookingResult.Refused, Constraint: ex.ConstraintName);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlParameter Value<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };

    private static NpgsqlParameter Value(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
