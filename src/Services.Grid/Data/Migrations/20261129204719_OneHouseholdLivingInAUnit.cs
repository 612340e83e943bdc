using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneHouseholdLivingInAUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_households_building_id_unit",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "ix_households_building_id_unit",
                table: "households",
                columns: new[] { "building_id", "unit" },
                unique: true,
                filter: "moved_out_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_households_building_id_unit",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "ix_households_building_id_unit",
                table: "households",
                columns: new[] { "building_id", "unit" },
                unique: true);
        }
    }
}
