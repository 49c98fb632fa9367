using System.Globalization;
using Boltly.Bench;

return args.FirstOrDefault() switch
{
    "seed" when args.Length == 7 => await Seeding.SeedAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture),
        int.Parse(args[5], CultureInfo.InvariantCulture), args[6]),
    "prepare" when args.Length == 6 => await Preparation.PrepareAsync(new Uri(args[1]), args[2], args[3],
        int.Parse(args[4], CultureInfo.InvariantCulture), args[5]),
    "scenarios" when args.Length == 7 => await Scenarios.RunAsync(new Uri(args[1]), new Uri(args[2]), args[3], args[4], args[5], args[6]),
    "circuits" when args.Length == 7 => await Circuits.RunAsync(new Uri(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4],
        int.Parse(args[5], CultureInfo.InvariantCulture), args[6]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: BenchTool seed <postgres> <email> <password> <extra-users> <keys> <keys-file>
               BenchTool prepare <instance-url> <email> <password> <users> <out-dir>
               BenchTool scenarios <url-a> <url-b> <postgres> <email> <password> <out.env>
               BenchTool circuits <instance-url> <instance-pid> <email> <password> <count> <out.env>
        """);
    return 2;
}
