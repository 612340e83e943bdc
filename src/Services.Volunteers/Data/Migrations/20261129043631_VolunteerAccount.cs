using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Volunteers.Data.Migrations
{
    /// <inheritdoc />
    public partial class VolunteerAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "account_id",
                table: "volunteers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_volunteers_account_id",
                table: "volunteers",
                column: "account_id",
                unique: true,
                filter: "account_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_volunteers_account_id",
                table: "volunteers");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "volunteers");
        }
    }
}
