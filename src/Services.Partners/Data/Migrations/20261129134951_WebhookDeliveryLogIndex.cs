using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Partners.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookDeliveryLogIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_log",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at", "id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_log",
                table: "webhook_deliveries");
        }
    }
}
