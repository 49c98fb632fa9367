using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Boltly.Migrations.Schema
{
    /// <inheritdoc />
    public partial class Usage_RequestLogStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "request_log_trim_queue",
                columns: table => new
                {
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_request_log_trim_queue", x => x.api_key_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_log_trim_queue");
        }
    }
}
