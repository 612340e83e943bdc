using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <summary>
    /// Announces every consent already recorded once more (<c>ActingConsentChanged</c>, through the outbox), as it stands,
    /// dated by its last change. Notices began keeping its own copy after some were recorded, withdrawn or run out: without
    /// this, a consent it never heard of counts as standing, and a neighbour whose consent was withdrawn before would go on
    /// hearing of the resident's places. The services that already hold a consent keep it (an announcement no newer than
    /// their copy changes nothing).
    /// </summary>
    public partial class ConsentsAnnouncedAgain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO outbox_messages (id, message_type, payload, created_at, attempts, next_attempt_at)
                SELECT gen_random_uuid(),
                       'Community.Contracts.ActingConsentChanged, Community.Contracts',
                       json_build_object(
                           'consentId', c.id,
                           'residentId', c.resident_id,
                           'actorAccountId', c.actor_account_id,
                           'purpose', c.purpose,
                           'validUntil', c.valid_until,
                           'withdrawnAt', c.withdrawn_at,
                           'changedAt', COALESCE(c.withdrawn_at, c.recorded_at))::jsonb,
                       now(), 0, now()
                FROM acting_consents c;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // What was announced stays announced.
        }
    }
}
