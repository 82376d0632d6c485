namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A <see cref="HopHost"/> as a class fixture: <c>IClassFixture&lt;HopHost&lt;Sqlite, FastClicks&gt;&gt;</c>
/// is the app on a SQLite database of its own, with the click pipeline quick to observe.</summary>
public sealed class HopHost<TDatabase, TProfile>() : HopHost(new TDatabase(), new TProfile())
    where TDatabase : TestDatabase, new()
    where TProfile : HostProfile, new();
