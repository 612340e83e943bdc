using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResidentAccountsAndVolunteerLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "account_id",
                table: "residents",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "volunteer_accounts",
                columns: table => new
                {
                    volunteer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_volunteer_accounts", x => x.volunteer_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_residents_account_id",
                table: "residents",
                column: "account_id",
                unique: true,
                filter: "account_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_volunteer_accounts_account_id",
                table: "volunteer_accounts",
                column: "account_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "volunteer_accounts");

            migrationBuilder.DropIndex(
                name: "ix_residents_account_id",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "residents");
        }
    }
}
