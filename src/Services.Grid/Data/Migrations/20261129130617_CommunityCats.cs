using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommunityCats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cat_colonies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    place = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    compound_id = table.Column<Guid>(type: "uuid", nullable: true),
                    building_id = table.Column<Guid>(type: "uuid", nullable: true),
                    spot = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cat_colonies", x => x.id);
                    table.CheckConstraint("ck_cat_colonies_place", "(place = 'building' AND building_id IS NOT NULL AND compound_id IS NOT NULL AND spot IS NULL) OR (place = 'compound' AND building_id IS NULL AND compound_id IS NOT NULL AND spot IS NULL) OR (place = 'spot' AND building_id IS NULL AND spot IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_cat_colonies_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cat_colonies_compounds_compound_id",
                        column: x => x.compound_id,
                        principalTable: "compounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cats",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    photo_ref = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    neutered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ear_tipped = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cats", x => x.id);
                    table.CheckConstraint("ck_cats_neutered_on", "neutered_on IS NULL OR neutered_on >= DATE '2000-01-01'");
                    table.CheckConstraint("ck_cats_sex", "sex IN ('female', 'male', 'unknown')");
                });

            migrationBuilder.CreateTable(
                name: "colony_complaints",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    colony_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    linked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colony_complaints", x => x.request_id);
                    table.ForeignKey(
                        name: "fk_colony_complaints_colonies_colony_id",
                        column: x => x.colony_id,
                        principalTable: "cat_colonies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_colony_complaints_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "feeding_stations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    colony_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    placed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feeding_stations", x => x.id);
                    table.CheckConstraint("ck_feeding_stations_placed_on", "placed_on >= DATE '2000-01-01'");
                    table.ForeignKey(
                        name: "fk_feeding_stations_cat_colonies_colony_id",
                        column: x => x.colony_id,
                        principalTable: "cat_colonies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cat_stays",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cat_id = table.Column<Guid>(type: "uuid", nullable: false),
                    colony_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cat_stays", x => x.id);
                    table.CheckConstraint("ck_cat_stays_end", "(until IS NULL AND end_reason IS NULL) OR (until IS NOT NULL AND end_reason IN ('moved-to-colony', 'adopted', 'moved', 'deceased'))");
                    table.CheckConstraint("ck_cat_stays_period", "until IS NULL OR until >= \"from\"");
                    table.ForeignKey(
                        name: "fk_cat_stays_cats_cat_id",
                        column: x => x.cat_id,
                        principalTable: "cats",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cat_stays_colonies_colony_id",
                        column: x => x.colony_id,
                        principalTable: "cat_colonies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cat_vaccinations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cat_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vaccine = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    given_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cat_vaccinations", x => x.id);
                    table.CheckConstraint("ck_cat_vaccinations_given_on", "given_on >= DATE '2000-01-01'");
                    table.ForeignKey(
                        name: "fk_cat_vaccinations_cats_cat_id",
                        column: x => x.cat_id,
                        principalTable: "cats",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "feedings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    station_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    volunteer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feedings", x => x.id);
                    table.ForeignKey(
                        name: "fk_feedings_feeding_stations_station_id",
                        column: x => x.station_id,
                        principalTable: "feeding_stations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_feedings_known_volunteers_volunteer_id",
                        column: x => x.volunteer_id,
                        principalTable: "known_volunteers",
                        principalColumn: "volunteer_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "station_caretakers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    station_id = table.Column<Guid>(type: "uuid", nullable: false),
                    volunteer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_station_caretakers", x => x.id);
                    table.CheckConstraint("ck_station_caretakers_period", "until IS NULL OR until >= \"from\"");
                    table.ForeignKey(
                        name: "fk_station_caretakers_feeding_stations_station_id",
                        column: x => x.station_id,
                        principalTable: "feeding_stations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_station_caretakers_known_volunteers_volunteer_id",
                        column: x => x.volunteer_id,
                        principalTable: "known_volunteers",
                        principalColumn: "volunteer_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cat_colonies_building_id",
                table: "cat_colonies",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_cat_colonies_compound_id",
                table: "cat_colonies",
                column: "compound_id");

            migrationBuilder.CreateIndex(
                name: "ix_cat_colonies_name",
                table: "cat_colonies",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cat_stays_cat_id_from",
                table: "cat_stays",
                columns: new[] { "cat_id", "from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cat_stays_colony_id_from",
                table: "cat_stays",
                columns: new[] { "colony_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ux_cat_stays_current",
                table: "cat_stays",
                column: "cat_id",
                unique: true,
                filter: "until IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cat_vaccinations_cat_id_vaccine_given_on",
                table: "cat_vaccinations",
                columns: new[] { "cat_id", "vaccine", "given_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_colony_complaints_colony_id",
                table: "colony_complaints",
                column: "colony_id");

            migrationBuilder.CreateIndex(
                name: "ix_feeding_stations_colony_id",
                table: "feeding_stations",
                column: "colony_id");

            migrationBuilder.CreateIndex(
                name: "ix_feedings_station_id_fed_at",
                table: "feedings",
                columns: new[] { "station_id", "fed_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_feedings_volunteer_id",
                table: "feedings",
                column: "volunteer_id");

            migrationBuilder.CreateIndex(
                name: "ix_station_caretakers_volunteer_id_until",
                table: "station_caretakers",
                columns: new[] { "volunteer_id", "until" });

            migrationBuilder.CreateIndex(
                name: "ux_station_caretakers_current",
                table: "station_caretakers",
                columns: new[] { "station_id", "volunteer_id" },
                unique: true,
                filter: "until IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cat_stays");

            migrationBuilder.DropTable(
                name: "cat_vaccinations");

            migrationBuilder.DropTable(
                name: "colony_complaints");

            migrationBuilder.DropTable(
                name: "feedings");

            migrationBuilder.DropTable(
                name: "station_caretakers");

            migrationBuilder.DropTable(
                name: "cats");

            migrationBuilder.DropTable(
                name: "feeding_stations");

            migrationBuilder.DropTable(
                name: "cat_colonies");
        }
    }
}
