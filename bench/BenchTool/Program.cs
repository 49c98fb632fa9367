using Boltly.Bench;

return args.FirstOrDefault() switch
{
    "seed" when args.Length == 4 => await Seeding.SeedAsync(args[1], args[2], args[3]),
    "prepare" when args.Length == 5 => await Preparation.PrepareAsync(new Uri(args[1]), args[2], args[3], args[4]),
    "scenarios" when args.Length == 7 => await Scenarios.RunAsync(new Uri(args[1]), new Uri(args[2]), args[3], args[4], args[5], args[6]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: BenchTool seed <postgres> <email> <password>
               BenchTool prepare <instance-url> <email> <password> <out.env>
               BenchTool scenarios <url-a> <url-b> <postgres> <email> <password> <out.env>
        """);
    return 2;
}
