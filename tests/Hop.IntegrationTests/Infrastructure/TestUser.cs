namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A user made directly in the app's database, with a real API key on its client.</summary>
internal sealed record TestUser(long Id, string Username, string ApiKey, HttpClient Client);
