using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActingConsents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "acting_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    given_how = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_acting_consents", x => x.id);
                    table.CheckConstraint("ck_acting_consents_purpose", "purpose IN ('activities')");
                    table.ForeignKey(
                        name: "fk_acting_consents_residents_resident_id",
                        column: x => x.resident_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_acting_consents_actor_account_id",
                table: "acting_consents",
                column: "actor_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_acting_consents_live",
                table: "acting_consents",
                columns: new[] { "resident_id", "actor_account_id", "purpose" },
                unique: true,
                filter: "withdrawn_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acting_consents");
        }
    }
}
