using Microsoft.AspNetCore.Authentication;
using HoopOrleans.Api.Dashboard;
using HoopOrleans.Hosting;

namespace HoopOrleans.Api.Auth;

internal static class AuthExtensions
{
    /// <summary>API keys, roles and the policies the endpoints require.</summary>
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddSingleton<CallerBounds>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddDashboardAccess();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.RunPolicy, policy => policy.RequireRole(Roles.Admin, Roles.User))
            .AddPolicy(Roles.ReviewPolicy, policy => policy.RequireRole(Roles.Admin, Roles.Reviewer))
            .AddPolicy(Roles.DashboardPolicy, policy => policy.AddAuthenticationSchemes(DashboardAccess.Scheme).RequireRole(Roles.Admin, Roles.Auditor))
            .AddPolicy(Roles.ObservePolicy, policy => policy.RequireRole(Roles.Admin, Roles.Auditor));
        return builder;
    }
}
