using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Notices.Data.Migrations
{
    /// <inheritdoc />
    public partial class BuildingOutOfGridKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "grid_id",
                table: "building_grids",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The column cannot go back to NOT NULL with a building in no grid in it; before this migration such rows were deleted.
            migrationBuilder.Sql("DELETE FROM building_grids WHERE grid_id IS NULL");

            migrationBuilder.AlterColumn<Guid>(
                name: "grid_id",
                table: "building_grids",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
