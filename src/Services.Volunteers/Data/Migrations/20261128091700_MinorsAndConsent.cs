using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Volunteers.Data.Migrations
{
    /// <inheritdoc />
    public partial class MinorsAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "phone",
                table: "volunteers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<DateOnly>(
                name: "birth_date",
                table: "volunteers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "guardian_id",
                table: "volunteers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "guardian_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guardian_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    consented_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guardian_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_guardian_consents_volunteers_child_id",
                        column: x => x.child_id,
                        principalTable: "volunteers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_guardian_consents_volunteers_guardian_id",
                        column: x => x.guardian_id,
                        principalTable: "volunteers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_volunteers_guardian_id",
                table: "volunteers",
                column: "guardian_id");

            migrationBuilder.CreateIndex(
                name: "ix_guardian_consents_child_id",
                table: "guardian_consents",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_guardian_consents_guardian_id",
                table: "guardian_consents",
                column: "guardian_id");

            migrationBuilder.AddForeignKey(
                name: "fk_volunteers_volunteers_guardian_id",
                table: "volunteers",
                column: "guardian_id",
                principalTable: "volunteers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_volunteers_volunteers_guardian_id",
                table: "volunteers");

            migrationBuilder.DropTable(
                name: "guardian_consents");

            migrationBuilder.DropIndex(
                name: "ix_volunteers_guardian_id",
                table: "volunteers");

            migrationBuilder.DropColumn(
                name: "birth_date",
                table: "volunteers");

            migrationBuilder.DropColumn(
                name: "guardian_id",
                table: "volunteers");

            migrationBuilder.AlterColumn<string>(
                name: "phone",
                table: "volunteers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);
        }
    }
}
