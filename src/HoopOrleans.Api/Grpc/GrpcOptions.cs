namespace HoopOrleans.Api.Grpc;

/// <summary>The <c>Grpc</c> section: where hoop's CLI reaches this front end over gRPC (<c>hoop exec</c>).</summary>
internal sealed class GrpcOptions
{
    public const string Section = "Grpc";

    /// <summary>Where hoop's CLI looks when nothing is configured (its local mode): plaintext gRPC on loopback port 8010.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8010";

    /// <summary>
    /// <c>Grpc:Urls</c>: the listener's addresses, <c>;</c>-separated; <c>http://</c> is plaintext
    /// HTTP/2 (h2c), <c>https://</c> uses the node's default certificate. Empty: no gRPC listener.
    /// </summary>
    public string? Urls { get; set; } = DefaultUrls;

    /// <summary>
    /// <c>Grpc:ApiUrl</c>: the HTTP API's address as people reach it (<c>https://hoop.example.com</c>),
    /// for the review link hoop's CLI prints; unset, the node's first HTTP address.
    /// </summary>
    public string? ApiUrl { get; set; }

    /// <summary>The addresses, one per entry.</summary>
    public IReadOnlyList<string> UrlList =>
        Urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
