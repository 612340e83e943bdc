using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class EquipmentLending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "equipment_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    condition = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    in_service = table.Column<bool>(type: "boolean", nullable: false),
                    donated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment_items", x => x.id);
                    table.CheckConstraint("ck_equipment_items_broken_out_of_service", "condition <> 'broken' OR NOT in_service");
                    table.CheckConstraint("ck_equipment_items_condition", "condition IN ('good', 'worn', 'broken')");
                    table.CheckConstraint("ck_equipment_items_kind", "kind IN ('wheelchair', 'walker', 'crutches', 'blood-pressure-monitor', 'tools')");
                });

            migrationBuilder.CreateTable(
                name: "equipment_needs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    met_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    met_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment_needs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "equipment_waits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    offered_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    offered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment_waits", x => x.id);
                    table.CheckConstraint("ck_equipment_waits_status", "status IN ('waiting', 'offered', 'served', 'cancelled')");
                    table.ForeignKey(
                        name: "fk_equipment_waits_residents_resident_id",
                        column: x => x.resident_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "equipment_item_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    what = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment_item_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_equipment_item_events_equipment_items_item_id",
                        column: x => x.item_id,
                        principalTable: "equipment_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "equipment_loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    lent_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    returned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment_loans", x => x.id);
                    table.ForeignKey(
                        name: "fk_equipment_loans_equipment_items_item_id",
                        column: x => x.item_id,
                        principalTable: "equipment_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_equipment_loans_residents_resident_id",
                        column: x => x.resident_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_equipment_item_events_item_id_at",
                table: "equipment_item_events",
                columns: new[] { "item_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_equipment_items_kind_in_service",
                table: "equipment_items",
                columns: new[] { "kind", "in_service" });

            migrationBuilder.CreateIndex(
                name: "ix_equipment_loans_due",
                table: "equipment_loans",
                column: "due_on",
                filter: "returned_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_equipment_loans_resident_id",
                table: "equipment_loans",
                column: "resident_id");

            migrationBuilder.CreateIndex(
                name: "ux_equipment_loans_open",
                table: "equipment_loans",
                column: "item_id",
                unique: true,
                filter: "returned_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_equipment_needs_open",
                table: "equipment_needs",
                column: "kind",
                unique: true,
                filter: "met_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_equipment_waits_kind_joined_at",
                table: "equipment_waits",
                columns: new[] { "kind", "joined_at" },
                filter: "status = 'waiting'");

            migrationBuilder.CreateIndex(
                name: "ix_equipment_waits_resident_id",
                table: "equipment_waits",
                column: "resident_id");

            migrationBuilder.CreateIndex(
                name: "ux_equipment_waits_item_offered_once",
                table: "equipment_waits",
                column: "offered_item_id",
                unique: true,
                filter: "status = 'offered'");

            migrationBuilder.CreateIndex(
                name: "ux_equipment_waits_once",
                table: "equipment_waits",
                columns: new[] { "kind", "resident_id" },
                unique: true,
                filter: "status IN ('waiting', 'offered')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "equipment_item_events");

            migrationBuilder.DropTable(
                name: "equipment_loans");

            migrationBuilder.DropTable(
                name: "equipment_needs");

            migrationBuilder.DropTable(
                name: "equipment_waits");

            migrationBuilder.DropTable(
                name: "equipment_items");
        }
    }
}
