namespace Boltly.Features.Templates;

public static class TemplatesServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBoltlyTemplates(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TemplateService>();
        return builder;
    }
}
