namespace Hop.IntegrationTests.Infrastructure;

/// <summary><see cref="HopInstances"/> as a class fixture: <c>IClassFixture&lt;HopInstances&lt;Postgres, SharedRedis&gt;&gt;</c>.</summary>
public sealed class HopInstances<TDatabase, TProfile>() : HopInstances(new TDatabase(), new TProfile())
    where TDatabase : TestDatabase, new()
    where TProfile : HostProfile, new();
