using System.Security.Cryptography.X509Certificates;

namespace HoopOrleans.Hosting;

/// <summary>
/// The extended key usages that carry a node's role in its certificate. A front end's key is on a
/// machine that serves the public API, so it is the likelier to leak; issued by the same CA as the
/// silos', without a role it could join as a silo and own grains (sessions, their users' scripts).
/// With one, a silo admits only silos to its silo port and only clients to its gateway, and a
/// client talks only to silos.
/// </summary>
public static class CertificateRoleUsages
{
    /// <summary>
    /// An arc of this project's own without registration: a UUID as an OID under 2.25 (ITU-T
    /// X.667), so no other issuer's usage can mean one of these by accident.
    /// </summary>
    public const string Arc = "2.25.24821072052258846841839933832735973101";

    /// <summary>A silo's certificate (deploy/local/cluster.sh and deploy/compose/make-secrets.sh issue silo-N with it).</summary>
    public const string Silo = Arc + ".1";

    /// <summary>A cluster client's, a front end's (front-N).</summary>
    public const string Client = Arc + ".2";

    /// <summary>The usage that says <paramref name="role"/>.</summary>
    public static string Of(CertificateRole role) => role switch
    {
        CertificateRole.Silo => Silo,
        CertificateRole.Client => Client,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a node role"),
    };

    /// <summary>Whether <paramref name="certificate"/>'s extended key usage names <paramref name="role"/>.</summary>
    public static bool Carries(X509Certificate2 certificate, CertificateRole role)
    {
        var usage = Of(role);
        return certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(extension => extension.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(oid => oid.Value == usage));
    }
}
