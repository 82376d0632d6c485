using Hop.Data;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>The kind of database a <see cref="HopHost"/> runs on: the provider, where the data lives, and
/// how that place is made and removed.</summary>
public abstract class TestDatabase
{
    internal abstract DatabaseProvider Provider { get; }

    internal abstract string ConnectionString { get; }

    /// <summary>Whether the app migrates it at start; a database that cannot be reached cannot be.</summary>
    internal virtual bool Migrates => true;

    /// <summary>Makes the empty database, before any app uses it.</summary>
    internal virtual Task CreateAsync() => Task.CompletedTask;

    /// <summary>Removes the database and everything in it, after every app on it has stopped.</summary>
    internal virtual Task DropAsync() => Task.CompletedTask;

    /// <summary>A new, empty database of <paramref name="provider"/>.</summary>
    internal static TestDatabase New(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new Sqlite(),
        DatabaseProvider.Postgres => new Postgres(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "no test database of that provider"),
    };
}
