namespace Hop.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
