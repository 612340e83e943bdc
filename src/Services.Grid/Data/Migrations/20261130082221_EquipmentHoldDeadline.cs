using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class EquipmentHoldDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_equipment_waits_status",
                table: "equipment_waits");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "held_until",
                table: "equipment_waits",
                type: "timestamp with time zone",
                nullable: true);

            // Holds placed before holds had a deadline: their residents were never told of one, so theirs runs from now
            // (the default three days), before the rule that every hold has one is added.
            migrationBuilder.Sql("UPDATE equipment_waits SET held_until = now() + interval '3 days' WHERE status = 'offered'");

            migrationBuilder.CreateIndex(
                name: "ix_equipment_waits_held_until",
                table: "equipment_waits",
                column: "held_until",
                filter: "status = 'offered'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_equipment_waits_offered_until",
                table: "equipment_waits",
                sql: "status <> 'offered' OR held_until IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_equipment_waits_status",
                table: "equipment_waits",
                sql: "status IN ('waiting', 'offered', 'served', 'cancelled', 'lapsed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_equipment_waits_held_until",
                table: "equipment_waits");

            migrationBuilder.DropCheckConstraint(
                name: "ck_equipment_waits_offered_until",
                table: "equipment_waits");

            migrationBuilder.DropCheckConstraint(
                name: "ck_equipment_waits_status",
                table: "equipment_waits");

            migrationBuilder.DropColumn(
                name: "held_until",
                table: "equipment_waits");

            migrationBuilder.AddCheckConstraint(
                name: "ck_equipment_waits_status",
                table: "equipment_waits",
                sql: "status IN ('waiting', 'offered', 'served', 'cancelled')");
        }
    }
}
