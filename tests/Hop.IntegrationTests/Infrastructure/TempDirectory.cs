namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A directory of a test's own, removed with everything in it when the test is done.</summary>
internal sealed class TempDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
