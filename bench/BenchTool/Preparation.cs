using System.Text;

namespace Boltly.Bench;

/// <summary>Credentials for the wrk runs: shell variables for the one-credential scenarios, and one file of
/// keys (b2) and one of access tokens (d2), a credential a line, for the many-credential ones. b1 uses the
/// first key; the last is the 429 path's, used up on the instance whose limit is 1 (on the others it is one
/// more key of b2's rotation).</summary>
public static class Preparation
{
    private const int Parallel = 4;

    public static async Task<int> PrepareAsync(Uri instance, string email, string password, int keys, int users, string outDir)
    {
        var client = new BenchClient(instance);
        var jwt = await client.LoginAsync(email, password);
        var secrets = new string[keys];
        await ForEachAsync(keys, async i => secrets[i] = (await client.CreateKeyAsync(jwt, $"bench: key {i}")).Secret);
        var tokens = new string[users];
        tokens[0] = jwt;
        await ForEachAsync(users - 1, async i => tokens[i + 1] = await client.LoginAsync(Seeding.UserEmail(email, i), password));

        await File.WriteAllLinesAsync(Path.Combine(outDir, "keys.txt"), secrets);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "jwts.txt"), tokens);
        await File.WriteAllTextAsync(Path.Combine(outDir, "credentials.env"), new StringBuilder()
            .Append($"BENCH_JWT='{jwt}'\n")
            .Append($"BENCH_VALID_KEY='{secrets[0]}'\n")
            .Append($"BENCH_EXHAUSTED_KEY='{secrets[^1]}'\n")
            .ToString());
        return 0;
    }

    private static async Task ForEachAsync(int count, Func<int, Task> work)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) await work(i);
        })));
    }
}
