using Hop.Data;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A PostgreSQL database on a loopback port nothing listens on (port 1 needs root to bind).</summary>
public sealed class UnreachablePostgres : TestDatabase
{
    internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

    internal override string ConnectionString => "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2";

    internal override bool Migrates => false;
}
