using System.Text;

namespace Boltly.Bench;

/// <summary>Credentials for the wrk runs: every user of the bench account signed in (one access token a line in
/// jwts.txt, for d2), and shell variables for the one-credential scenarios. b1 uses the first key of keys.txt
/// (written by <see cref="Seeding"/>); the last is the 429 path's, used up on the instance whose limit is 1 (on
/// the others it is one more key of b2's rotation).</summary>
public static class Preparation
{
    private const int Parallel = 4;

    public static async Task<int> PrepareAsync(Uri instance, string email, string password, int users, string outDir)
    {
        var client = new BenchClient(instance);
        var secrets = await File.ReadAllLinesAsync(Path.Combine(outDir, "keys.txt"));
        var tokens = new string[users];
        tokens[0] = await client.LoginAsync(email, password);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users - 1) tokens[i + 1] = await client.LoginAsync(Seeding.UserEmail(email, i), password);
        })));

        await File.WriteAllLinesAsync(Path.Combine(outDir, "jwts.txt"), tokens);
        await File.WriteAllTextAsync(Path.Combine(outDir, "credentials.env"), new StringBuilder()
            .Append($"BENCH_JWT='{tokens[0]}'\n")
            .Append($"BENCH_VALID_KEY='{secrets[0]}'\n")
            .Append($"BENCH_EXHAUSTED_KEY='{secrets[^1]}'\n")
            .ToString());
        return 0;
    }
}
