using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Pagination;

public sealed class PaginationOptions
{
    public const string Section = "Pagination";
    [Range(1, 1000)] public int ApiKeyMaxLimit { get; set; } = 10;
    [Range(1, 1000)] public int SessionMaxLimit { get; set; } = 100;
    [Range(1, 1000)] public int DefaultLimit { get; set; } = 10;
}
