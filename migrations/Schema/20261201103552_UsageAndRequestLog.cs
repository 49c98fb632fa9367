using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Boltly.Migrations.Schema
{
    /// <inheritdoc />
    public partial class UsageAndRequestLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "request_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    path = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    duration_ms = table.Column<int>(type: "integer", nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_request_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usage_rollups",
                columns: table => new
                {
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    granularity = table.Column<short>(type: "smallint", nullable: false),
                    start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    success = table.Column<long>(type: "bigint", nullable: false),
                    client_error = table.Column<long>(type: "bigint", nullable: false),
                    server_error = table.Column<long>(type: "bigint", nullable: false),
                    rate_limited = table.Column<long>(type: "bigint", nullable: false),
                    insufficient_scope = table.Column<long>(type: "bigint", nullable: false),
                    ip_not_allowed = table.Column<long>(type: "bigint", nullable: false),
                    revoked = table.Column<long>(type: "bigint", nullable: false),
                    expired = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_rollups", x => new { x.api_key_id, x.granularity, x.start });
                });

            migrationBuilder.CreateIndex(
                name: "ix_request_log_api_key_id_id",
                table: "request_log",
                columns: new[] { "api_key_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_request_log_at",
                table: "request_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_usage_rollups_account_id_granularity_start",
                table: "usage_rollups",
                columns: new[] { "account_id", "granularity", "start" });

            migrationBuilder.CreateIndex(
                name: "ix_usage_rollups_granularity_start",
                table: "usage_rollups",
                columns: new[] { "granularity", "start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_log");

            migrationBuilder.DropTable(
                name: "usage_rollups");
        }
    }
}
