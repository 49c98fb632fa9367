namespace Boltly.Platform.Pagination;

public static class PaginationServiceCollectionExtensions
{
    /// <summary>Keyset pagination with protected cursors and the page-size caps from options.</summary>
    public static WebApplicationBuilder AddBoltlyPagination(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaginationOptions>().BindConfiguration(PaginationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Paginator>();
        return builder;
    }
}
