namespace Boltly.Tests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and Redis for tests are: from the environment (test.sh exports them),
/// else from the checkout's .local/services.env written by scripts/services.sh.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> LocalEnv = new(ReadLocalEnv);

    public static string Postgres => Get("BOLTLY_TEST_POSTGRES");
    public static string Redis => Get("BOLTLY_TEST_REDIS");

    /// <summary>smtp4dev's web address (its REST API reads the mail the hosts sent); test.sh starts it.</summary>
    public static string MailUi => Get("BOLTLY_MAIL_UI");

    /// <summary>The SMTP server the test hosts send to (smtp4dev), or null when scripts/services.sh named none.</summary>
    public static string? SmtpHost => Find("Email__Smtp__Host");

    public static string? SmtpPort => Find("Email__Smtp__Port");

    /// <summary>The key ring's certificate the test hosts share: .local/dataprotection.pem, made by
    /// scripts/local-secrets.sh (test.sh runs it).</summary>
    public static string DataProtectionCertificate =>
        Environment.GetEnvironmentVariable("BOLTLY_TEST_DP_CERT") is { Length: > 0 } path ? path
        : RepositoryRoot() is { } root && File.Exists(Path.Combine(root, ".local", "dataprotection.pem")) ? Path.Combine(root, ".local", "dataprotection.pem")
        : throw new InvalidOperationException(".local/dataprotection.pem is missing: run the tests with ./test.sh (scripts/local-secrets.sh makes it).");

    public static string Get(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : LocalEnv.Value.TryGetValue(name, out var local) ? local
        : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh (it starts PostgreSQL and Redis).");

    public static string? Find(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : LocalEnv.Value.TryGetValue(name, out var local) && local.Length > 0 ? local : null;

    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BoltlyPortal.sln"))) return dir.FullName;
        return null;
    }

    private static IReadOnlyDictionary<string, string> ReadLocalEnv()
    {
        var result = new Dictionary<string, string>();
        var root = RepositoryRoot();
        var file = root is null ? null : Path.Combine(root, ".local", "services.env");
        if (file is null || !File.Exists(file)) return result;
        foreach (var line in File.ReadAllLines(file))
        {
            var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
            var eq = text.IndexOf('=');
            if (eq <= 0) continue;
            result[text[..eq]] = text[(eq + 1)..].Trim('\'', '"');
        }
        return result;
    }
}
