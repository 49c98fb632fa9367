using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Boltly.Migrations.Schema
{
    /// <inheritdoc />
    public partial class SearchAndFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_messages_account_id_direction_id",
                table: "messages",
                columns: new[] { "account_id", "direction", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_messages_account_id_status_id",
                table: "messages",
                columns: new[] { "account_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_name_trgm",
                table: "contacts",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_phone_trgm",
                table: "contacts",
                column: "phone")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_account_id_direction_id",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "ix_messages_account_id_status_id",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "ix_contacts_name_trgm",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_phone_trgm",
                table: "contacts");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
