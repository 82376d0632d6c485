using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Domains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_links_code",
                table: "links");

            migrationBuilder.AddColumn<long>(
                name: "domain_id",
                table: "links",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "domain_id",
                table: "api_keys",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "domains",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    https = table.Column<bool>(type: "boolean", nullable: false),
                    root_redirect = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    not_found_redirect = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    access = table.Column<int>(type: "integer", nullable: false),
                    users = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_domains", x => x.id);
                });

            // The default domain; its host is set from Links:PublicBaseUrl at start-up. Every existing
            // link belongs to it (the domain_id column above defaults to 1).
            migrationBuilder.Sql(
                "INSERT INTO domains (id, host, is_default, https, access, users, created_at, updated_at) "
                + "VALUES (1, 'localhost', TRUE, TRUE, 0, '{}', now(), now());"
                + "SELECT setval(pg_get_serial_sequence('domains', 'id'), 1);");

            migrationBuilder.CreateIndex(
                name: "ix_links_domain_id_code",
                table: "links",
                columns: new[] { "domain_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_domain_id",
                table: "api_keys",
                column: "domain_id");

            migrationBuilder.CreateIndex(
                name: "ix_domains_host",
                table: "domains",
                column: "host",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_api_keys_domains_domain_id",
                table: "api_keys",
                column: "domain_id",
                principalTable: "domains",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_links_domains_domain_id",
                table: "links",
                column: "domain_id",
                principalTable: "domains",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_api_keys_domains_domain_id",
                table: "api_keys");

            migrationBuilder.DropForeignKey(
                name: "fk_links_domains_domain_id",
                table: "links");

            migrationBuilder.DropTable(
                name: "domains");

            migrationBuilder.DropIndex(
                name: "ix_links_domain_id_code",
                table: "links");

            migrationBuilder.DropIndex(
                name: "ix_api_keys_domain_id",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "domain_id",
                table: "links");

            migrationBuilder.DropColumn(
                name: "domain_id",
                table: "api_keys");

            migrationBuilder.CreateIndex(
                name: "ix_links_code",
                table: "links",
                column: "code",
                unique: true);
        }
    }
}
