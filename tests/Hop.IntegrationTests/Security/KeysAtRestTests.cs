using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hop.Accounts;
using Hop.Data;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Security;

/// <summary>
/// The data-protection keys and the JWT signing key, stored encrypted with a certificate of the test's
/// own making: tokens survive a restart, plain keys of an earlier start are encrypted on the next, a
/// wrong certificate stops the start with one clear line, and no certificate is one warning.
/// </summary>
public sealed class KeysAtRestTests : IDisposable
{
    private const string Password = "pfx-pass-1";
    private readonly TempDirectory _directory = new("hop-keys-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Keys_are_stored_encrypted_and_tokens_outlive_a_restart(string provider)
    {
        var (pfx, pem) = NewCertificate("a");
        var database = TestDatabase.New(Enum.Parse<DatabaseProvider>(provider));
        await database.CreateAsync();
        try
        {
            string token;
            await using (var first = await StartAsync(database, new KeyEncryptionProfile(pfx, Password)))
            {
                token = await SignInAsync(first);
                Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/login", Ct)).StatusCode);
                await AssertEncryptedAsync(first);
            }

            // The same certificate as PEM: another file, the same key.
            await using var second = await StartAsync(database, new KeyEncryptionProfile(pem));
            Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().WithBearer(token).GetAsync("/api/v1/keys", Ct)).StatusCode);
            await AssertEncryptedAsync(second);
            Assert.DoesNotContain("[730]", second.Logs.All, StringComparison.Ordinal);
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [Fact]
    public async Task Plain_keys_are_encrypted_on_the_first_start_with_a_certificate_and_a_wrong_one_stops_the_start()
    {
        var (pfx, _) = NewCertificate("b");
        var (other, _) = NewCertificate("c");
        var database = new Sqlite();
        await database.CreateAsync();
        try
        {
            string token;
            string plainKey;
            await using (var plain = await StartAsync(database, new KeyEncryptionProfile(null)))
            {
                token = await SignInAsync(plain);
                Assert.Equal(HttpStatusCode.OK, (await plain.CreateClient().GetAsync("/login", Ct)).StatusCode);
                plainKey = await StoredSigningKeyAsync(plain);
                Assert.Equal(64, Convert.FromBase64String(plainKey).Length);
                Assert.Contains(await KeyXmlAsync(plain), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
                // One warning of Hop's own, and not ASP.NET Core's per key.
                Assert.Single(plain.Logs.Lines, line => line.Contains("[730]", StringComparison.Ordinal));
                Assert.DoesNotContain(plain.Logs.Lines, line => line.Contains("XmlKeyManager", StringComparison.Ordinal));
            }

            await using (var encrypted = await StartAsync(database, new KeyEncryptionProfile(pfx, Password)))
            {
                Assert.NotEqual(plainKey, await StoredSigningKeyAsync(encrypted));
                await AssertEncryptedAsync(encrypted);
                Assert.Contains("[732]", encrypted.Logs.All, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await encrypted.CreateClient().WithBearer(token).GetAsync("/api/v1/keys", Ct)).StatusCode);
            }

            var environment = new Dictionary<string, string>
            {
                ["HOP__DATABASE__CONNECTIONSTRING"] = database.ConnectionString,
                ["HOP__SECURITY__KEYENCRYPTIONCERTIFICATE"] = other,
                ["HOP__SECURITY__KEYENCRYPTIONCERTIFICATEPASSWORD"] = Password,
            };
            var (code, output) = await HopProcess.RunAsync(_directory.Path, environment, TimeSpan.FromMinutes(1), "serve", "--urls", "http://127.0.0.1:0");
            Assert.Equal(1, code);
            Assert.Contains("Hop cannot start: The JWT signing key cannot be read: it is encrypted with the certificate", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Hop is ready", output, StringComparison.Ordinal);

            environment.Remove("HOP__SECURITY__KEYENCRYPTIONCERTIFICATE");
            (code, output) = await HopProcess.RunAsync(_directory.Path, environment, TimeSpan.FromMinutes(1), "serve", "--urls", "http://127.0.0.1:0");
            Assert.Equal(1, code);
            Assert.Contains("Security:KeyEncryptionCertificate is not set", output, StringComparison.Ordinal);
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_used_is_reported_with_the_other_settings()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=hop-public-only", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var publicOnly = Path.Combine(_directory.Path, "public.pem");
        await File.WriteAllTextAsync(publicOnly, certificate.ExportCertificatePem(), Ct);
        var (pfx, _) = NewCertificate("d");
        foreach (var (file, password, expected) in new[]
                 {
                     (Path.Combine(_directory.Path, "missing.pfx"), Password, "does not exist"),
                     (publicOnly, Password, "cannot be loaded"),
                     (pfx, "wrong", "cannot be loaded"),
                 })
        {
            var environment = new Dictionary<string, string>
            {
                ["HOP__DATABASE__CONNECTIONSTRING"] = $"Data Source={Path.Combine(_directory.Path, "hop.db")}",
                ["HOP__SECURITY__KEYENCRYPTIONCERTIFICATE"] = file,
                ["HOP__SECURITY__KEYENCRYPTIONCERTIFICATEPASSWORD"] = password,
            };
            var (code, output) = await HopProcess.RunAsync(_directory.Path, environment, TimeSpan.FromMinutes(1), "serve", "--urls", "http://127.0.0.1:0");
            Assert.Equal(1, code);
            Assert.Contains("Security:KeyEncryptionCertificate", output, StringComparison.Ordinal);
            Assert.Contains(expected, output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
    }

    private static async Task<HopHost> StartAsync(TestDatabase database, HostProfile profile)
    {
        var host = new HopHost(database, profile, ownsDatabase: false);
        try
        {
            _ = host.Server;
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> SignInAsync(HopHost host)
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var response = await host.CreateClient().PostJsonAsync("/api/v1/auth/token", new { username = user.Username, password = AccountsTestKit.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).Str("accessToken");
    }

    private static async Task AssertEncryptedAsync(HopHost host)
    {
        var keys = await KeyXmlAsync(host);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        var stored = await StoredSigningKeyAsync(host);
        Assert.StartsWith("rsa-oaep-sha256:", stored, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Convert.FromBase64String(stored));
    }

    private static Task<List<string>> KeyXmlAsync(HopHost host) =>
        host.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct));

    private static Task<string> StoredSigningKeyAsync(HopHost host) =>
        host.WithDbAsync(db => db.AppSettings.Where(s => s.Key == JwtSigningKeys.SettingKey).Select(s => s.Value).SingleAsync(Ct));

    /// <summary>A new self-signed RSA certificate with its key, as a PFX (with <see cref="Password"/>) and as one PEM file.</summary>
    private (string Pfx, string Pem) NewCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=hop-test-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(_directory.Path, $"{name}.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, Password));
        var pem = Path.Combine(_directory.Path, $"{name}.pem");
        File.WriteAllText(pem, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        return (pfx, pem);
    }
}
