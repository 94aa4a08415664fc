using System.Net.Http.Headers;
using HoopOrleans.Api.Auth;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>API keys for test hosts: the key of a name is <c>&lt;name&gt;-secret-key</c>.</summary>
public static class TestKeys
{
    public static string KeyOf(string name) => $"{name}-secret-key";

    /// <summary>Configures <paramref name="name"/>'s key with its roles and the connections it may use.</summary>
    public static void Add(IDictionary<string, string> settings, string name, string[] roles, string[] connections)
    {
        settings[$"Auth:Keys:{name}:Hash"] = ApiKeyRegistry.HashOf(KeyOf(name));
        for (var i = 0; i < roles.Length; i++)
        {
            settings[$"Auth:Keys:{name}:Roles:{i}"] = roles[i];
        }

        for (var i = 0; i < connections.Length; i++)
        {
            settings[$"Auth:Keys:{name}:Connections:{i}"] = connections[i];
        }
    }

    /// <summary>A client of <paramref name="host"/> that presents <paramref name="name"/>'s key as a bearer token.</summary>
    public static HttpClient ClientAs(ApiHost host, string name)
    {
        var client = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyOf(name));
        return client;
    }
}
