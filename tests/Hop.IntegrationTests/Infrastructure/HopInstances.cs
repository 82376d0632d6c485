namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// Several instances of the app on one database, as when scaled out: each <see cref="Instance"/> is a
/// separate app with its own L1 cache (and, on a fake-clock profile, its own clock), on the same data
/// and the same settings. As a class fixture it is <see cref="HopInstances{TDatabase,TProfile}"/>.
/// </summary>
public class HopInstances(TestDatabase database, HostProfile profile) : IAsyncLifetime
{
    private readonly List<HopHost> _instances = [];

    public async ValueTask InitializeAsync() => await database.CreateAsync();

    /// <summary>Instance <paramref name="index"/>, started on first use and kept for the fixture's life.</summary>
    internal HopHost Instance(int index)
    {
        while (_instances.Count <= index)
        {
            _instances.Add(new HopHost(database, profile, ownsDatabase: false));
        }

        return _instances[index];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await database.DropAsync();
        GC.SuppressFinalize(this);
    }
}
