using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Boltly.Migrations.Schema
{
    /// <inheritdoc />
    public partial class Keys_Policy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_key_policies",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    max_lifetime_days = table.Column<int>(type: "integer", nullable: true),
                    idle_revoke_days = table.Column<int>(type: "integer", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_key_policies", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_account_key_policies_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_key_notice_digests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_key_notice_digests", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_key_notice_digests_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_key_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_key_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_key_notices_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_api_key_notices_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_key_notice_recipients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    digest_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_key_notice_recipients", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_key_notice_recipients_api_key_notice_digests_digest_id",
                        column: x => x.digest_id,
                        principalTable: "api_key_notice_digests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_api_key_notice_recipients_api_key_notices_notice_id",
                        column: x => x.notice_id,
                        principalTable: "api_key_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_api_key_notice_recipients_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_key_policies_idle_revoke_days",
                table: "account_key_policies",
                column: "idle_revoke_days",
                filter: "idle_revoke_days IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_api_key_notice_digests_user_id_day",
                table: "api_key_notice_digests",
                columns: new[] { "user_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_key_notice_recipients_digest_id",
                table: "api_key_notice_recipients",
                column: "digest_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_key_notice_recipients_notice_id_user_id",
                table: "api_key_notice_recipients",
                columns: new[] { "notice_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_key_notice_recipients_user_id",
                table: "api_key_notice_recipients",
                column: "user_id",
                filter: "digest_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_api_key_notices_account_id",
                table: "api_key_notices",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ux_api_key_notices_key_kind_deadline",
                table: "api_key_notices",
                columns: new[] { "api_key_id", "kind", "deadline" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_key_policies");

            migrationBuilder.DropTable(
                name: "api_key_notice_recipients");

            migrationBuilder.DropTable(
                name: "api_key_notice_digests");

            migrationBuilder.DropTable(
                name: "api_key_notices");
        }
    }
}
