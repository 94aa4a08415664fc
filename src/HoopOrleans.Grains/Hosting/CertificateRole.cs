namespace HoopOrleans.Hosting;

/// <summary>
/// What a cluster node is, as its certificate says: the cluster's CA signs the role into each
/// node's certificate (<see cref="CertificateRoleUsages"/>), so that a peer can tell a silo from a front
/// end by more than being issued by the CA.
/// </summary>
public enum CertificateRole
{
    /// <summary>A silo: joins the cluster on its silo port and serves clients on its gateway port.</summary>
    Silo,

    /// <summary>A cluster client (a front end): calls grains through a silo's gateway, never joins.</summary>
    Client,
}
