namespace Boltly.Bench;

/// <summary>Credentials for the wrk runs, written as shell variables.</summary>
public static class Preparation
{
    public static async Task<int> PrepareAsync(Uri instance, string email, string password, string outFile)
    {
        var client = new BenchClient(instance);
        var jwt = await client.LoginAsync(email, password);
        var (_, valid) = await client.CreateKeyAsync(jwt, "bench: whoami");
        var (_, exhausted) = await client.CreateKeyAsync(jwt, "bench: exhausted");
        await File.WriteAllTextAsync(outFile, $"""
            BENCH_JWT='{jwt}'
            BENCH_VALID_KEY='{valid}'
            BENCH_EXHAUSTED_KEY='{exhausted}'

            """);
        return 0;
    }
}
