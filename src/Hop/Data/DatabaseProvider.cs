using System.ComponentModel;
using Hop.Hosting;

namespace Hop.Data;

[TypeConverter(typeof(UnknownNameAsUndefined<DatabaseProvider>))]
internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
