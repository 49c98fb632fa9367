using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Boltly.Features.Passwords;

public static class PasswordsServiceCollectionExtensions
{
    /// <summary>The password rule (<see cref="CommonPasswordValidator"/>), the password check of a sign-in and password change.
    /// Call after <see cref="Auth.AuthServiceCollectionExtensions.AddBoltlyAuth"/>, which adds Identity.</summary>
    public static WebApplicationBuilder AddBoltlyPasswords(this WebApplicationBuilder builder)
    {
        // One password rule set for every path: Identity's own validator is replaced, not added to.
        builder.Services.Replace(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, CommonPasswordValidator>());
        builder.Services.AddScoped<PasswordChangeService>();
        builder.Services.AddScoped<PasswordSignInService>();
        builder.Services.AddScoped<IPasswordSignInMethod>(sp => sp.GetRequiredService<PasswordSignInService>());
        return builder;
    }
}
