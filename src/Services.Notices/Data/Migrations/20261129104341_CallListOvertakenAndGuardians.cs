using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Notices.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallListOvertakenAndGuardians : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_call_list_entries_status",
                table: "call_list_entries");

            migrationBuilder.AddColumn<Guid>(
                name: "guardian_id",
                table: "known_residents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_call_list_entries_status",
                table: "call_list_entries",
                sql: "status IN ('open', 'told', 'unreachable', 'overtaken')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_call_list_entries_status",
                table: "call_list_entries");

            migrationBuilder.DropColumn(
                name: "guardian_id",
                table: "known_residents");

            migrationBuilder.AddCheckConstraint(
                name: "ck_call_list_entries_status",
                table: "call_list_entries",
                sql: "status IN ('open', 'told', 'unreachable')");
        }
    }
}
