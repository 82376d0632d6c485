using System.ComponentModel.DataAnnotations;

namespace Hop.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
