using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Community.Services.Partners.Data.Migrations
{
    /// <inheritdoc />
    public partial class SequencedAfterCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropUniqueConstraint(
                name: "ak_public_events_sequence",
                table: "public_events");

            migrationBuilder.DropIndex(
                name: "ix_public_events_amqp_pending",
                table: "public_events");

            // An identity column cannot be nullable: the identity goes first (the sequencer numbers events from now on).
            migrationBuilder.Sql("ALTER TABLE public_events ALTER COLUMN sequence DROP IDENTITY IF EXISTS;");
            migrationBuilder.Sql("ALTER TABLE public_events ALTER COLUMN sequence DROP NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "ix_public_events_amqp_pending",
                table: "public_events",
                column: "created_at",
                filter: "amqp_published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_public_events_unsequenced",
                table: "public_events",
                column: "created_at",
                filter: "sequence IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_public_events_sequence",
                table: "public_events",
                column: "sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_public_events_amqp_pending",
                table: "public_events");

            migrationBuilder.DropIndex(
                name: "ix_public_events_unsequenced",
                table: "public_events");

            migrationBuilder.DropIndex(
                name: "ux_public_events_sequence",
                table: "public_events");

            migrationBuilder.AlterColumn<long>(
                name: "sequence",
                table: "public_events",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.AddUniqueConstraint(
                name: "ak_public_events_sequence",
                table: "public_events",
                column: "sequence");

            migrationBuilder.CreateIndex(
                name: "ix_public_events_amqp_pending",
                table: "public_events",
                column: "sequence",
                filter: "amqp_published_at IS NULL");
        }
    }
}
