namespace HoopOrleans.Hosting;

/// <summary>Where a cluster node finds its TLS identity; bound from <c>Orleans:Tls</c>.</summary>
public sealed class OrleansTlsOptions
{
    public const string Section = "Orleans:Tls";

    /// <summary>The node's certificate (PEM), issued by the CA; used both to serve and to connect.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM, unencrypted); readable by the service's user only.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster's private CA (PEM): a peer is accepted when its certificate chains to it and is in date.</summary>
    public string? CaPath { get; set; }
}
