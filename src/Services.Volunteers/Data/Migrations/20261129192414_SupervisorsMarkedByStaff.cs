using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Volunteers.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupervisorsMarkedByStaff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "supervises_children",
                table: "volunteers",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "supervises_children",
                table: "volunteers");
        }
    }
}
