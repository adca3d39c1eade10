namespace Hounsfield.Dicom.Network;

/// <summary>An acceptor's decision on a User Identity sub-item (PS3.7 D.3.3.7).</summary>
/// <param name="Accepted">False rejects the association (rejected-permanent, service-user, no reason given).</param>
/// <param name="ServerResponse">
/// Bytes for the User Identity AC sub-item when the requestor asked for a positive response
/// (a Kerberos or SAML response; empty for username types); null sends no response.
/// </param>
public sealed record UserIdentityVerdict(bool Accepted, byte[]? ServerResponse = null)
{
    /// <summary>Accept, answering with an empty server response when one was requested.</summary>
    public static UserIdentityVerdict Accept { get; } = new(true, []);

    /// <summary>Reject the association.</summary>
    public static UserIdentityVerdict Reject { get; } = new(false);
}
