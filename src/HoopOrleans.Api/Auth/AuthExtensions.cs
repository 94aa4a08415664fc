using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Auth;

public static class AuthExtensions
{
    /// <summary>API keys, roles and the policies the endpoints require.</summary>
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.RunPolicy, policy => policy.RequireRole(Roles.Admin, Roles.User))
            .AddPolicy(Roles.ReviewPolicy, policy => policy.RequireRole(Roles.Admin, Roles.Reviewer));
        return builder;
    }
}
