using HoopOrleans.Connections;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Connections;

/// <summary>hoop.dev's type, subtype and tags of a connection: how they are configured, checked and kept.</summary>
public sealed class ConnectionProfileTests
{
    private static ConnectionOptions Bash() => new() { Command = ["bash", "-s"] };

    private static string[] Failures(ConnectionOptions options)
    {
        var result = new ConnectionsValidator().Validate(null, new Dictionary<string, ConnectionOptions> { ["db"] = options });
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void Good_descriptions_pass_and_none_at_all_is_custom()
    {
        Assert.Empty(Failures(Bash()));
        Assert.Empty(Failures(new ConnectionOptions
        {
            Command = ["psql"],
            Type = "database",
            Subtype = "postgres",
            Tags = new() { ["team"] = "sré ☃ 𝄞", ["empty"] = "" },
        }));
        Assert.Equal((ConnectionProfile.CustomType, "", 0), (Bash().Type, Bash().Subtype, Bash().Tags.Count));
    }

    [Theory]
    [InlineData("", "", null, null, "Connections:db:Type must be non-empty.")]
    [InlineData("data\0base", "", null, null, "Connections:db:Type must hold no NUL or unpaired surrogate.")]
    [InlineData("database", "post(D800)gres", null, null, "Connections:db:Subtype must hold no NUL or unpaired surrogate.")]
    [InlineData("database", "", "team", "s\0re", "Connections:db:Tags:team must hold no NUL or unpaired surrogate.")]
    [InlineData("database", "", "team", "sre(DC00)", "Connections:db:Tags:team must hold no NUL or unpaired surrogate.")]
    [InlineData("database", "", "te\0am", "sre", "Connections:db:Tags names must hold no NUL or unpaired surrogate.")]
    [InlineData("database", "", "(DFFF)team", "sre", "Connections:db:Tags names must hold no NUL or unpaired surrogate.")]
    public void A_description_the_stores_cannot_keep_fails_naming_its_key(string type, string subtype, string? tag, string? value, string failure)
    {
        var options = Bash();
        options.Type = type;
        options.Subtype = Unpaired(subtype);
        if (tag is not null)
        {
            options.Tags[Unpaired(tag)] = Unpaired(value!);
        }

        Assert.Equal([failure], Failures(options));
    }

    /// <summary>
    /// Puts in the unpaired surrogates a case names as (D800): xunit carries theory data as UTF-8,
    /// which would turn a lone surrogate into U+FFFD before the test saw it.
    /// </summary>
    private static string Unpaired(string text) =>
        text.Replace("(D800)", "\ud800").Replace("(DC00)", "\udc00").Replace("(DFFF)", "\udfff");

    [Fact]
    public void Configuration_describes_a_connection_and_its_sessions_get_its_tags_as_a_json_object_sorted_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connections:db:Command:0"] = "psql",
            ["Connections:db:Type"] = "database",
            ["Connections:db:Subtype"] = "postgres",
            ["Connections:db:Tags:zone"] = "eu-1",
            ["Connections:db:Tags:env"] = "prod \"a\" é",
            ["Connections:db:Tags:Team"] = "sre",
            ["Connections:plain:Command:0"] = "bash",
        }).Build();
        var options = new Dictionary<string, ConnectionOptions>();
        configuration.GetSection(ConnectionOptions.Section).Bind(options);

        var catalog = new ConfiguredConnections(Options.Create(options));

        Assert.Empty(new ConnectionsValidator().Validate(null, options).Failures ?? []);
        Assert.True(catalog.TryGet("db", out var db));
        Assert.True(catalog.TryGet("plain", out var plain));
        Assert.Equal(("database", "postgres"), (db.Profile.Type, db.Profile.Subtype));
        using var tags = System.Text.Json.JsonDocument.Parse(db.Profile.TagsJson);
        Assert.Equal(["Team", "env", "zone"], tags.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["sre", "prod \"a\" é", "eu-1"], tags.RootElement.EnumerateObject().Select(p => p.Value.GetString()));
        Assert.Equal(ConnectionProfile.Custom, plain.Profile);
    }
}
