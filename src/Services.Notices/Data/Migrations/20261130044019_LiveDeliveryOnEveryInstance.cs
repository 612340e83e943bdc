using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Notices.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveDeliveryOnEveryInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notices_visible_from",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "pushed_at",
                table: "notices");

            migrationBuilder.AddColumn<long>(
                name: "written_by",
                table: "notices",
                type: "bigint",
                nullable: false,
                defaultValueSql: "pg_current_xact_id()::text::bigint");

            migrationBuilder.CreateIndex(
                name: "ix_notices_visible_from",
                table: "notices",
                column: "visible_from");

            migrationBuilder.CreateIndex(
                name: "ix_notices_written_by",
                table: "notices",
                column: "written_by");

            // Every instance's live delivery listens: a transaction that wrote notices wakes them all as it commits.
            migrationBuilder.Sql("""
                CREATE FUNCTION notices_written_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('notices_written', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER notices_written AFTER INSERT ON notices
                    FOR EACH STATEMENT EXECUTE FUNCTION notices_written_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER notices_written ON notices; DROP FUNCTION notices_written_notify();");

            migrationBuilder.DropIndex(
                name: "ix_notices_visible_from",
                table: "notices");

            migrationBuilder.DropIndex(
                name: "ix_notices_written_by",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "written_by",
                table: "notices");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "pushed_at",
                table: "notices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_notices_visible_from",
                table: "notices",
                column: "visible_from",
                filter: "pushed_at IS NULL");
        }
    }
}
