namespace Boltly.Features.Contacts;

public static class ContactsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBoltlyContacts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ContactService>();
        ContactEventTypes.Register(builder.Services);
        return builder;
    }
}
